package io.gridlet.reliability;

import io.gridlet.node.CountingFunctions;
import io.gridlet.node.GridNode;
import io.gridlet.node.trigger.TriggerDefinition;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A member in a JVM of its own, for the fault scenarios: backup count 1, a failure detector tuned
 * to notice a paused member in 5 s, split-brain merges every 5 s, a graceful leave on SIGTERM.
 * Arguments: cluster name, port, seed addresses. Prints {@code READY uuid} once joined, then
 * answers commands on standard input: {@code members}, {@code safe}, {@code trigger NAME}.
 */
public final class FaultMember {

    static final int HEARTBEAT_TIMEOUT_SECONDS = 5;

    private FaultMember() {
    }

    public static void main(String[] args) throws Exception {
        GridNode node = GridNode.builder()
                .clusterName(args[0])
                .port(Integer.parseInt(args[1]))
                .members(List.of(args[2].split(",")))
                .backupCount(1)
                .shutdownHook(true)
                .hazelcastConfig(config -> {
                    config.setProperty("hazelcast.wait.seconds.before.join", "0");
                    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
                    config.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(HEARTBEAT_TIMEOUT_SECONDS));
                    config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
                    config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
                    // A write whose backups did not answer fails as indeterminate instead of passing as done.
                    config.setProperty("hazelcast.operation.fail.on.indeterminate.state", "true");
                })
                .start();
        node.functions().register(CountingFunctions.TransactionalIncrement.class);
        node.functions().register(CountingFunctions.EffectOnce.class);
        System.out.println("READY " + node.localMember().getUuid());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] command = line.trim().split(" ");
            try {
                switch (command[0]) {
                    case "members" -> System.out.println("MEMBERS " + node.hazelcast().getCluster().getMembers().size());
                    case "safe" -> System.out.println("SAFE " + (node.hazelcast().getCluster().getMembers().size() == 3
                            && node.hazelcast().getPartitionService().isClusterSafe()));
                    case "trigger" -> {
                        node.triggers().create(new TriggerDefinition(command[1], "effect.once",
                                TriggerDefinition.MAP_EVENT, command[1] + "-in", List.of("ADDED"), null, null, null,
                                command[1] + "-out", TriggerDefinition.EXACTLY_ONCE));
                        System.out.println("TRIGGER " + node.triggers().get(command[1]).jobStatus());
                    }
                    case "job" -> System.out.println("JOB " + node.triggers().get(command[1]).jobStatus());
                    default -> System.out.println("ERROR unknown command " + command[0]);
                }
            } catch (RuntimeException e) {
                System.out.println("ERROR " + e);
            }
            System.out.flush();
        }
    }
}
