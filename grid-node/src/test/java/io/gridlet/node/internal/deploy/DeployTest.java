package io.gridlet.node.internal.deploy;

import io.gridlet.node.FunctionVersion;
import io.gridlet.node.DeployOptions;
import io.gridlet.node.DeployResult;
import io.gridlet.node.Deployments;
import io.gridlet.node.FunctionInfo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlet.api.BadInputException;
import io.gridlet.api.FunctionFailedException;
import io.gridlet.api.UnknownFunctionException;
import io.gridlet.api.VersionConflictException;
import io.gridlet.node.GridNode;
import io.gridlet.node.Invocation;
import io.gridlet.node.InvocationResult;
import io.gridlet.node.TestCluster;
import io.gridlet.node.TestJars;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Deploys are versioned, hot and cluster-wide: no member restarts. */
class DeployTest {

    static TestCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = TestCluster.start(3, 4, builder -> { });
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    /** Two versions of one class name, each with its own behaviour and its own input record. */
    static byte[] greeter(String version, String greeting) {
        return TestJars.builder()
                .source("demo.Name", "package demo; public record Name(String first, String last) { }")
                .function("demo.Greeter", "greet", "demo.Name", "String",
                        "return \"" + greeting + " \" + input.first() + \" \" + input.last();")
                .implementationVersion(version)
                .build();
    }

    static InvocationResult<String> greet(GridNode caller, String version, Object key) {
        Invocation.Builder call = Invocation.of("greet").input(Map.of("first", "Ada", "last", "Lovelace"));
        if (version != null) {
            call.version(version);
        }
        if (key != null) {
            call.key(key);
        }
        return caller.invoker().call(call.build(), String.class);
    }

    @Test
    void deployV1ThenV2ThenRollBackAcrossThreeMembersWithoutRestart() {
        DeployResult v1 = cluster.node(0).deployments().deploy(greeter("1", "hello"));
        assertThat(v1.functions()).containsExactly("greet");
        assertThat(v1.version()).isEqualTo("1");
        assertThat(v1.sha256()).hasSize(64);
        for (GridNode caller : cluster.nodes()) {
            for (int key = 0; key < 6; key++) {
                InvocationResult<String> result = greet(caller, null, "k" + key);
                assertThat(result.output()).isEqualTo("hello Ada Lovelace");
                assertThat(result.version()).isEqualTo("1");
            }
        }

        cluster.node(1).deployments().deploy(greeter("2", "bonjour"));
        for (GridNode caller : cluster.nodes()) {
            for (int key = 0; key < 6; key++) {
                assertThat(greet(caller, null, "k" + key).output()).isEqualTo("bonjour Ada Lovelace");
                assertThat(greet(caller, "1", "k" + key).output()).isEqualTo("hello Ada Lovelace");
                assertThat(greet(caller, "2", "k" + key).version()).isEqualTo("2");
            }
        }
        assertThat(cluster.node(2).deployments().get("greet").live()).isEqualTo("2");

        FunctionInfo rolledBack = cluster.node(2).deployments().activate("greet", "1");
        assertThat(rolledBack.live()).isEqualTo("1");
        assertThat(rolledBack.versions()).extracting(FunctionVersion::version).containsExactly("1", "2");
        for (GridNode caller : cluster.nodes()) {
            Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                for (int key = 0; key < 6; key++) {
                    assertThat(greet(caller, null, "k" + key).output()).isEqualTo("hello Ada Lovelace");
                }
            });
        }

        // A member that joins after the deploy loads what is deployed and runs it.
        GridNode late = cluster.startMember();
        cluster.awaitSafe();
        assertThat(late.functions().spec("greet", "1")).isPresent();
        assertThat(late.functions().spec("greet", "2")).isPresent();
        for (int key = 0; key < 30; key++) {
            if (late.hazelcast().getPartitionService().getPartition("k" + key).getOwner().localMember()) {
                InvocationResult<String> result = greet(cluster.node(0), null, "k" + key);
                assertThat(result.member()).isEqualTo(late.localMember().getUuid());
                assertThat(result.output()).isEqualTo("hello Ada Lovelace");
            }
        }
        late.close();
        cluster.nodes().remove(late);
    }

    @Test
    void everyFunctionOfAJarRunsOnEveryMember() {
        byte[] jar = TestJars.builder()
                .function("multi.First", "multi.first", "Object", "String", "return \"first\";")
                .function("multi.Second", "multi.second", "Object", "String", "return \"second\";")
                .function("multi.Third", "multi.third", "Object", "String", "return \"third\";")
                .build();
        cluster.node(0).deployments().deploy(jar, DeployOptions.version("1"));
        for (GridNode caller : cluster.nodes()) {
            for (int key = 0; key < 12; key++) {
                // Last first, so that members load the jar for a function other than its first.
                for (String name : java.util.List.of("multi.third", "multi.second", "multi.first")) {
                    assertThat(caller.invoker().invoke(Invocation.of(name).key("m" + key).build(), String.class))
                            .isEqualTo(name.substring("multi.".length()));
                }
            }
        }
    }

    @Test
    void sameBytesAgainChangeNothingAndOtherBytesAtTheSameVersionConflict() {
        byte[] jar = TestJars.jar("same.Echo", "echo.same", "String", "String", "return input;");
        DeployResult first = cluster.node(0).deployments().deploy(jar, DeployOptions.version("5"));
        DeployResult again = cluster.node(1).deployments().deploy(jar, DeployOptions.version("5"));
        assertThat(first.unchanged()).isFalse();
        assertThat(again.unchanged()).isTrue();
        assertThat(again.sha256()).isEqualTo(first.sha256());

        byte[] other = TestJars.jar("same.Echo", "echo.same", "String", "String", "return input + input;");
        assertThatThrownBy(() -> cluster.node(2).deployments().deploy(other, DeployOptions.version("5")))
                .isInstanceOf(VersionConflictException.class)
                .hasMessageContaining("echo.same version 5 is already deployed")
                .hasMessageContaining(first.sha256());
        assertThat(cluster.node(0).invoker().invoke(Invocation.of("echo.same").input("x").build(), String.class))
                .isEqualTo("x");
        assertThat(cluster.node(0).deployments().get("echo.same").versions()).hasSize(1);
    }

    @Test
    void versionComesFromTheRequestThenTheManifestThenTheShaPrefix() {
        byte[] plain = TestJars.jar("v.Plain", "version.plain", "String", "String", "return input;");
        DeployResult bySha = cluster.node(0).deployments().deploy(plain);
        assertThat(bySha.version()).isEqualTo(bySha.sha256().substring(0, 12));
        byte[] manifest = TestJars.builder().function("v.Man", "version.manifest", "String", "String", "return input;")
                .implementationVersion("3.1.4").build();
        assertThat(cluster.node(0).deployments().deploy(manifest).version()).isEqualTo("3.1.4");
        assertThat(cluster.node(0).deployments().deploy(manifest, DeployOptions.version("9")).version()).isEqualTo("9");
        assertThatThrownBy(() -> cluster.node(0).deployments().deploy(manifest, DeployOptions.version("../x")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("bad version '../x'");
    }

    @Test
    void aNinetyTenCanarySendsTenPercentToTheCanary() {
        byte[] v1 = TestJars.jar("c.Which", "canary.which", "Object", "String", "return \"one\";");
        byte[] v2 = TestJars.jar("c.Which", "canary.which", "Object", "String", "return \"two\";");
        cluster.node(0).deployments().deploy(v1, DeployOptions.version("1"));
        cluster.node(0).deployments().deploy(v2, new DeployOptions("2", "test", false));
        FunctionInfo split = cluster.node(1).deployments().activate("canary.which", "1", "2", 10);
        assertThat(split.canary()).isEqualTo("2");
        assertThat(split.canaryPercent()).isEqualTo(10);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> cluster.nodes().stream()
                .allMatch(node -> node.functions().spec("canary.which", "2").isPresent()));

        Map<String, Integer> byVersion = new HashMap<>();
        for (int i = 0; i < 2_000; i++) {
            InvocationResult<String> result = cluster.node(i % 3).invoker()
                    .call(Invocation.of("canary.which").key("k" + i).build(), String.class);
            assertThat(result.output()).isEqualTo(result.version().equals("1") ? "one" : "two");
            byVersion.merge(result.version(), 1, Integer::sum);
        }
        assertThat(byVersion.get("2")).isBetween(140, 260);
        assertThat(byVersion.get("1") + byVersion.get("2")).isEqualTo(2_000);

        assertThatThrownBy(() -> cluster.node(0).deployments().activate("canary.which", "1", "2", 101))
                .isInstanceOf(BadInputException.class).hasMessage("canary percent must be 0 to 100: 101");
        assertThatThrownBy(() -> cluster.node(0).deployments().activate("canary.which", "7"))
                .isInstanceOf(UnknownFunctionException.class).hasMessageContaining("has no version 7");
    }

    @Test
    void undeployRemovesAVersionThenTheFunction() {
        byte[] v1 = TestJars.jar("u.Gone", "undeploy.me", "Object", "String", "return \"v1\";");
        byte[] v2 = TestJars.jar("u.Gone", "undeploy.me", "Object", "String", "return \"v2\";");
        Deployments deployments = cluster.node(0).deployments();
        deployments.deploy(v1, DeployOptions.version("1"));
        deployments.deploy(v2, DeployOptions.version("2"));
        assertThatThrownBy(() -> deployments.undeploy("undeploy.me", "2"))
                .isInstanceOf(VersionConflictException.class).hasMessageContaining("is live");
        deployments.undeploy("undeploy.me", "1");
        assertThat(deployments.get("undeploy.me").versions()).extracting(FunctionVersion::version)
                .containsExactly("2");
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThatThrownBy(() -> cluster.node(2).invoker().invoke(Invocation.of("undeploy.me")
                        .version("1").build(), String.class)).isInstanceOf(UnknownFunctionException.class));
        deployments.undeploy("undeploy.me", null);
        assertThatThrownBy(() -> deployments.get("undeploy.me")).isInstanceOf(UnknownFunctionException.class);
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThatThrownBy(() -> cluster.node(1).invoker().invoke("undeploy.me", null))
                        .isInstanceOf(UnknownFunctionException.class));
        assertThatThrownBy(() -> deployments.undeploy("undeploy.me", null)).isInstanceOf(UnknownFunctionException.class);
        assertThat(cluster.node(0).hazelcast().getMap(GridDeployments.ARTIFACTS).values())
                .noneMatch(record -> ((ArtifactRecord) record).functions().contains("undeploy.me"));
    }

    @Test
    void aFunctionThatThrowsInsideAJarReportsItsOwnExceptionClass() {
        byte[] jar = TestJars.builder()
                .source("f.Boom", "package f; public class Boom extends RuntimeException {"
                        + " public Boom(String m) { super(m); } }")
                .function("f.Thrower", "throws.own", "Object", "Object", "throw new f.Boom(\"jar says no\");")
                .build();
        cluster.node(0).deployments().deploy(jar);
        assertThatThrownBy(() -> cluster.node(1).invoker().invoke("throws.own", null))
                .isInstanceOfSatisfying(FunctionFailedException.class, e -> {
                    assertThat(e.errorClass()).isEqualTo("f.Boom");
                    assertThat(e.errorMessage()).isEqualTo("jar says no");
                });
    }
}
