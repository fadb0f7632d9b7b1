package io.gridlet.management;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.DocumentationTool;
import javax.tools.ToolProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The public packages' Javadoc builds with the JDK's default checks and not one warning: every
 * public type and member is documented, with its parameters and return value, and every link
 * resolves. Run on the sources of each module, as {@code javadoc} would be.
 */
class PublicApiDocsTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource({
            "../compute-api/src/main/java, io.gridlet.api",
            "../grid-node/src/main/java, io.gridlet.node",
            "../test-kit/src/main/java, io.gridlet.testkit",
    })
    void javadocBuildsWithoutAWarning(String sources, String publicPackage) throws Exception {
        Path out = Files.createTempDirectory("javadoc");
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        DocumentationTool javadoc = ToolProvider.getSystemDocumentationTool();
        int status = javadoc.run(null, messages, messages, List.of("-quiet", "-Xmaxwarns", "10000", "-d", out.toString(),
                "-cp", System.getProperty("java.class.path"), "-sourcepath", sources, publicPackage)
                .toArray(new String[0]));
        String log = messages.toString(StandardCharsets.UTF_8);
        assertThat(status).as("javadoc's exit status; it said:%n%s", log).isZero();
        assertThat(log).doesNotContain("warning");
    }
}
