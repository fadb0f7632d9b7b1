package io.gridlet.benchmarks.harness;

import io.gridlet.api.Function;
import io.gridlet.api.FunctionContext;
import io.gridlet.api.GridFunction;
import io.gridlet.api.RoutedEntry;
import java.util.Map;

/** The functions the harness measures; each does exactly what its raw Hazelcast baseline does. */
public final class BenchFunctions {

    private BenchFunctions() {
    }

    /** Adds one to the routed Long counter, in whatever transaction the call runs. */
    static long increment(FunctionContext ctx) {
        RoutedEntry<Long> entry = ctx.entry();
        long next = (entry.get() == null ? 0 : entry.get()) + 1;
        entry.set(next);
        return next;
    }

    /** Reads the routed value, changes its first 8 bytes (a counter), writes it back. */
    static long readModifyWrite(FunctionContext ctx) {
        RoutedEntry<byte[]> entry = ctx.entry();
        byte[] value = entry.get();
        long next = Payloads.increment(value);
        entry.set(value);
        return next;
    }

    /** Read the routed value, change its first 8 bytes (a counter), write it back. */
    @Function(name = "bench.rmw", maxConcurrency = 256)
    public static final class ReadModifyWrite implements GridFunction<Object, Long> {
        @Override
        public Long apply(Object input, FunctionContext ctx) {
            return readModifyWrite(ctx);
        }
    }

    /** {@link ReadModifyWrite}, declared to run on its key's partition thread. */
    @Function(name = "bench.rmw.pt", maxConcurrency = 256, partitionThread = true)
    public static final class ReadModifyWriteOnPartitionThread implements GridFunction<Object, Long> {
        @Override
        public Long apply(Object input, FunctionContext ctx) {
            return readModifyWrite(ctx);
        }
    }

    /** {@link Trivial}, declared to run on a partition thread. */
    @Function(name = "bench.trivial.pt", maxConcurrency = 256, partitionThread = true)
    public static final class TrivialOnPartitionThread implements GridFunction<Object, Long> {
        @Override
        public Long apply(Object input, FunctionContext ctx) {
            return 1L;
        }
    }

    /** {@link Increment}, declared to run on its key's partition thread. */
    @Function(name = "bench.increment.pt", maxConcurrency = 256, partitionThread = true)
    public static final class IncrementOnPartitionThread implements GridFunction<Object, Long> {
        @Override
        public Long apply(Object input, FunctionContext ctx) {
            return increment(ctx);
        }
    }

    /** Touches no data: the floor of an invocation. */
    @Function(name = "bench.trivial", maxConcurrency = 256)
    public static final class Trivial implements GridFunction<Object, Long> {
        @Override
        public Long apply(Object input, FunctionContext ctx) {
            return 1L;
        }
    }

    /** Reads the routed value and returns a small result: its checksum. */
    @Function(name = "bench.aggregate", maxConcurrency = 256)
    public static final class Aggregate implements GridFunction<Object, Long> {
        @Override
        public Long apply(Object input, FunctionContext ctx) {
            return Payloads.checksum(ctx.<byte[]>entry().get());
        }
    }

    /** Increments a Long counter: the hot-key scenario. */
    @Function(name = "bench.increment", maxConcurrency = 256)
    public static final class Increment implements GridFunction<Object, Long> {
        @Override
        public Long apply(Object input, FunctionContext ctx) {
            return increment(ctx);
        }
    }

    /** Increments a Long counter in the call's transaction: what keeping an exactly-once record costs. */
    @Function(name = "bench.increment.tx", transactional = true, maxConcurrency = 256)
    public static final class TransactionalIncrement implements GridFunction<Object, Long> {
        @Override
        public Long apply(Object input, FunctionContext ctx) {
            return increment(ctx);
        }
    }

    /** Sums the Long values of the member's own partitions of the map named by the input: fan-out reduce. */
    @Function(name = "bench.sum", maxConcurrency = 16)
    public static final class LocalSum implements GridFunction<String, Long> {
        @Override
        public Long apply(String map, FunctionContext ctx) {
            long sum = 0;
            for (Map.Entry<String, Long> entry : ctx.<String, Long>localEntries(map)) {
                sum += entry.getValue();
            }
            return sum;
        }
    }

    /** A map-event trigger's function: the event's value, which lands in the trigger's result map. */
    @Function(name = "bench.event", maxConcurrency = 256)
    public static final class EventValue implements GridFunction<Map<String, Object>, Object> {
        @Override
        public Object apply(Map<String, Object> event, FunctionContext ctx) {
            return event.get("value");
        }
    }
}
