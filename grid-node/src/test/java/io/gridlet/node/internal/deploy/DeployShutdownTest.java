package io.gridlet.node.internal.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlet.api.UnavailableException;
import io.gridlet.node.DeployOptions;
import io.gridlet.node.TestCluster;
import io.gridlet.node.TestJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A deploy that races its member's shutdown is refused, typed, before anything is written: it
 * neither stores its jar nor leaves a jars directory that nobody deletes. Its own class, so that no
 * other test's member writes jars meanwhile.
 */
class DeployShutdownTest {

    @Test
    void aDeployAfterCloseIsRefusedAsUnavailableAndLeavesNoDirectoryBehind() throws IOException {
        try (TestCluster alone = TestCluster.start(1, builder -> { })) {
            GridDeployments deployments = (GridDeployments) alone.node(0).deployments();
            Path temp = Path.of(System.getProperty("java.io.tmpdir"));
            Set<Path> before = jarDirectories(temp);
            deployments.close();
            byte[] jar = TestJars.jar("closed.Echo", "echo.closed", "String", "String", "return input;");
            assertThatThrownBy(() -> deployments.deploy(jar, DeployOptions.version("1")))
                    .isInstanceOf(UnavailableException.class)
                    .hasMessageContaining("shutting down");
            assertThat(jarDirectories(temp)).isSubsetOf(before);
            assertThat(alone.node(0).hazelcast().getMap(GridDeployments.ARTIFACTS).size()).isZero();
        }
    }

    private static Set<Path> jarDirectories(Path temp) throws IOException {
        try (Stream<Path> files = Files.list(temp)) {
            return files.filter(path -> path.getFileName().toString().startsWith("gridlet-jars-"))
                    .collect(Collectors.toSet());
        }
    }
}
