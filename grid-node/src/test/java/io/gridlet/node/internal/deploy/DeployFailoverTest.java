package io.gridlet.node.internal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlet.node.GridNode;
import io.gridlet.node.Invocation;
import io.gridlet.node.InvocationResult;
import io.gridlet.node.MemberProcess;
import io.gridlet.node.TestJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The member that received a deploy, and owned the jar's and the function's partitions, dies
 * with SIGKILL: the function stays invocable, and a member that joins afterwards loads it,
 * because both were backed up.
 */
class DeployFailoverTest {

    @TempDir
    Path temp;

    @Test
    void killingTheMemberThatReceivedAndHeldTheDeployLosesNothing() throws Exception {
        List<Integer> ports = io.gridlet.node.TestCluster.freePorts(4);
        List<String> seeds = ports.stream().map(port -> "127.0.0.1:" + port).toList();
        String cluster = "failover-" + UUID.randomUUID();
        Path log = temp.resolve("members.log");
        try (MemberProcess deployer = MemberProcess.start(cluster, ports.get(0), seeds, log);
             MemberProcess other = MemberProcess.start(cluster, ports.get(1), seeds, log);
             GridNode caller = GridNode.builder().clusterName(cluster).port(ports.get(2)).members(seeds)
                     .shutdownHook(false)
                     .hazelcastConfig(c -> c.setProperty("hazelcast.wait.seconds.before.join", "0")).start()) {
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> caller.hazelcast().getPartitionService().isClusterSafe()
                            && caller.hazelcast().getCluster().getMembers().size() == 3);

            // A jar and a function name whose partitions the deploying member owns, so that the
            // kill takes their primary copies with it.
            String name = null;
            for (int i = 0; name == null; i++) {
                String candidate = "failover.fn" + i;
                if (caller.hazelcast().getPartitionService().getPartition(candidate).getOwner().getUuid()
                        .equals(deployer.uuid())) {
                    name = candidate;
                }
            }
            byte[] jar = null;
            for (int i = 0; jar == null; i++) {
                byte[] candidate = TestJars.builder()
                        .function("fo.Answer", name, "Object", "String", "return \"still here\";")
                        .entry("padding/" + i, new byte[] {(byte) i})
                        .build();
                if (caller.hazelcast().getPartitionService().getPartition(JarInspector.sha256(candidate)).getOwner()
                        .getUuid().equals(deployer.uuid())) {
                    jar = candidate;
                }
            }
            Path file = temp.resolve("function.jar");
            Files.write(file, jar);
            assertThat(deployer.command("deploy " + file + " 1", 60)).startsWith("DEPLOYED ");

            deployer.kill();
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> caller.hazelcast().getCluster().getMembers().size() == 2
                            && caller.hazelcast().getPartitionService().isClusterSafe());

            Set<UUID> ranOn = new HashSet<>();
            for (int key = 0; key < 40; key++) {
                InvocationResult<String> result = caller.invoker()
                        .call(Invocation.of(name).key("k" + key).build(), String.class);
                assertThat(result.output()).isEqualTo("still here");
                ranOn.add(result.member());
            }
            assertThat(ranOn).containsExactlyInAnyOrder(caller.localMember().getUuid(), other.uuid());

            try (MemberProcess late = MemberProcess.start(cluster, ports.get(3), seeds, log)) {
                Awaitility.await().atMost(Duration.ofSeconds(60))
                        .until(() -> caller.hazelcast().getPartitionService().isClusterSafe());
                boolean ranOnLate = false;
                for (int key = 0; key < 60 && !ranOnLate; key++) {
                    InvocationResult<String> result = caller.invoker()
                            .call(Invocation.of(name).key("late" + key).build(), String.class);
                    assertThat(result.output()).isEqualTo("still here");
                    ranOnLate = result.member().equals(late.uuid());
                }
                assertThat(ranOnLate).isTrue();
            }
            caller.hazelcast().getLifecycleService().terminate();
        }
    }
}
