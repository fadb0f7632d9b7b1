package io.gridlet.reliability;

import io.gridlet.node.Guarantee;
import io.gridlet.node.MapEventType;
import io.gridlet.node.MapEventTrigger;
import io.gridlet.node.ScheduleTrigger;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridlet.api.Function;
import io.gridlet.api.FunctionContext;
import io.gridlet.api.GridFunction;
import io.gridlet.api.GridletException;
import io.gridlet.node.CountingFunctions;
import io.gridlet.node.Invocation;
import io.gridlet.node.TestJars;
import io.gridlet.node.DeployOptions;
import io.gridlet.node.internal.cluster.HazelcastConfigFactory;
import io.gridlet.node.GridNode;
import io.gridlet.node.TriggerDefinition;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A member in a JVM of its own, for the fault scenarios, configured as a production node is with
 * {@code gridlet.member.split-brain-minimum=2} (the node's safety defaults: writes fail on an
 * indeterminate backup, split-brain protection counts members heard from recently, the larger
 * side wins a merge), with the failure detector's timings shortened to keep the scenarios short:
 * heartbeat every second, a member declared dead after 5 s of silence, merges looked for every
 * 5 s. A graceful leave on SIGTERM. Arguments: cluster name, port, seed addresses, and the
 * address to bind (default loopback). Prints {@code READY uuid} once joined, then answers
 * commands on standard input: {@code members}, {@code safe}, {@code quorum}, {@code trigger NAME},
 * {@code job NAME}, {@code load start}, {@code load report CUT HEAL}, {@code counters}.
 */
public final class FaultMember {

    static final int HEARTBEAT_TIMEOUT_SECONDS = 5;

    static final String MERGE_FUNCTION = "merge.echo";

    private FaultMember() {
    }

    /** {@code ok}, or {@code refused} and the typed error's name. */
    private static String refusedOr(java.util.function.Supplier<?> change) {
        try {
            change.get();
            return "ok";
        } catch (GridletException e) {
            return "refused " + e.getClass().getSimpleName();
        }
    }

    /** A schedule's function that counts its firings in this JVM. */
    @Function(name = Tick.NAME, timeoutMillis = 5_000)
    public static final class Tick implements GridFunction<Object, String> {
        static final String NAME = "merge.tick";
        static final java.util.concurrent.atomic.AtomicLong FIRED = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public String apply(Object firing, FunctionContext ctx) {
            FIRED.incrementAndGet();
            return null;
        }
    }

    public static void main(String[] args) throws Exception {
        GridNode node = GridNode.builder()
                .clusterName(args[0])
                .host(args.length > 3 ? args[3] : "127.0.0.1")
                .port(Integer.parseInt(args[1]))
                .members(List.of(args[2].split(",")))
                .backupCount(1)
                .splitBrainProtection(2)
                .heartbeatInterval(Duration.ofSeconds(1))
                .heartbeatTimeout(Duration.ofSeconds(HEARTBEAT_TIMEOUT_SECONDS))
                .mergeInterval(Duration.ofSeconds(5))
                .shutdownHook(true)
                .hazelcastConfig(config -> config.setProperty("hazelcast.wait.seconds.before.join", "0"))
                .start();
        node.functions().register(CountingFunctions.TransactionalIncrement.class);
        node.functions().register(CountingFunctions.PlainIncrement.class);
        node.functions().register(CountingFunctions.EffectOnce.class);
        node.functions().register(Tick.class);
        LocalLoad load = new LocalLoad(node, "m" + args[1] + "-");
        ObjectMapper json = new ObjectMapper();
        System.out.println("READY " + node.localMember().getUuid());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] command = line.trim().split(" ");
            try {
                switch (command[0]) {
                    case "cluster" -> System.out.println("CLUSTER " + args[0]);
                    case "members" -> System.out.println("MEMBERS " + node.hazelcast().getCluster().getMembers().size());
                    case "safe" -> System.out.println("SAFE " + (node.hazelcast().getCluster().getMembers().size() == 3
                            && node.hazelcast().getPartitionService().isClusterSafe()));
                    case "trigger" -> {
                        node.triggers().create(MapEventTrigger.on(command[1], "effect.once", command[1] + "-in")
                                .onlyOn(MapEventType.ADDED).withResultsIn(command[1] + "-out")
                                .withGuarantee(Guarantee.EXACTLY_ONCE));
                        System.out.println("TRIGGER " + node.triggers().get(command[1]).jobStatus());
                    }
                    case "job" -> System.out.println("JOB " + node.triggers().get(command[1]).jobStatus());
                    case "quorum" -> System.out.println("QUORUM " + node.hazelcast().getSplitBrainProtectionService()
                            .getSplitBrainProtection(HazelcastConfigFactory.SPLIT_BRAIN_PROTECTION).hasMinimumSize());
                    case "load" -> {
                        if (command[1].equals("start")) {
                            load.start();
                            System.out.println("LOAD started");
                        } else {
                            load.stop();
                            System.out.println("LOAD " + json.writeValueAsString(load.report(Long.parseLong(command[2]),
                                    Long.parseLong(command[3]))));
                        }
                    }
                    case "deploy" -> System.out.println("DEPLOY " + refusedOr(() -> node.deployments().deploy(
                            TestJars.jar("merge.Echo" + command[1], MERGE_FUNCTION, "Object", "String",
                                    "return \"" + command[1] + "\";"), DeployOptions.version(command[1]))));
                    case "activate" -> System.out.println("ACTIVATE " + refusedOr(
                            () -> node.deployments().activate(MERGE_FUNCTION, command[1])));
                    case "live" -> System.out.println("LIVE " + node.deployments().get(MERGE_FUNCTION).live() + " "
                            + node.invoker().invoke(Invocation.of(MERGE_FUNCTION).build(), String.class));
                    case "schedule" -> System.out.println("SCHEDULE " + refusedOr(() -> node.triggers().create(
                            ScheduleTrigger.every(command[1], Tick.NAME, 300))));
                    case "untrigger" -> System.out.println("UNTRIGGER " + refusedOr(() -> {
                        node.triggers().delete(command[1]);
                        return null;
                    }));
                    case "fired" -> System.out.println("FIRED " + Tick.FIRED.get());
                    case "stats" -> {
                        // What the REST API's cluster, maps and functions reads wait for: bounded.
                        long started = System.nanoTime();
                        int answers = node.memberStats(Duration.ofMillis(800)).size();
                        System.out.println("STATS " + answers + " " + (System.nanoTime() - started) / 1_000_000);
                    }
                    case "counters" -> {
                        List<Long> values = new java.util.ArrayList<>();
                        for (int c = 0; c < LocalLoad.COUNTER_COUNT; c++) {
                            Object value = node.hazelcast().getMap(LocalLoad.COUNTERS).get(LocalLoad.counterKey(c));
                            values.add(value == null ? 0L : ((Number) value).longValue());
                        }
                        System.out.println("COUNTERS " + json.writeValueAsString(values));
                    }
                    default -> System.out.println("ERROR unknown command " + command[0]);
                }
            } catch (RuntimeException | java.io.IOException | InterruptedException e) {
                System.out.println("ERROR " + e);
            }
            System.out.flush();
        }
    }
}
