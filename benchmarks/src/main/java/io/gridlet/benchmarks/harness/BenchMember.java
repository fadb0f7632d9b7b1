package io.gridlet.benchmarks.harness;

import io.gridlet.node.GridNode;
import java.util.List;

/** A member JVM of the harness: args cluster, port, seeds. Prints READY, then runs until killed. */
public final class BenchMember {

    /** This JVM's member, for tasks the harness sends it (set once, before READY). */
    private static volatile GridNode member;

    private BenchMember() {
    }

    /** This JVM's member. */
    static GridNode member() {
        return member;
    }

    public static void main(String[] args) throws InterruptedException {
        GridNode.Builder builder = GridNode.builder();
        io.opentelemetry.api.OpenTelemetry tracing = BenchTracing.fromSystemProperties();
        if (tracing != null) {
            builder.openTelemetry(tracing);
        }
        GridNode node = builder.clusterName(args[0]).port(Integer.parseInt(args[1]))
                .members(List.of(args[2].split(","))).shutdownHook(true)
                .hazelcastConfig(config -> {
                    config.setProperty("hazelcast.wait.seconds.before.join", "0");
                    config.getSerializationConfig().addDataSerializableFactory(RawTasks.FACTORY_ID, RawTasks.factory());
                })
                .start();
        node.functions().register(BenchFunctions.ReadModifyWrite.class);
        node.functions().register(BenchFunctions.Trivial.class);
        node.functions().register(BenchFunctions.ReadModifyWriteOnPartitionThread.class);
        node.functions().register(BenchFunctions.TrivialOnPartitionThread.class);
        node.functions().register(BenchFunctions.IncrementOnPartitionThread.class);
        node.functions().register(BenchFunctions.Aggregate.class);
        node.functions().register(BenchFunctions.Increment.class);
        node.functions().register(BenchFunctions.TransactionalIncrement.class);
        node.functions().register(BenchFunctions.LocalSum.class);
        node.functions().register(BenchFunctions.EventValue.class);
        member = node;
        System.out.println("READY " + node.localMember().getUuid());
        System.out.flush();
        Thread.currentThread().join();
    }
}
