package io.gridlet.benchmarks.harness;

import io.gridlet.api.Function;
import io.gridlet.api.FunctionContext;
import io.gridlet.api.GridFunction;

/** The REST scenario's function, deployed as a jar to a standalone node: touches no data. */
@Function(name = "bench.rest.trivial", maxConcurrency = 256)
public final class RestTrivial implements GridFunction<Object, Long> {

    @Override
    public Long apply(Object input, FunctionContext ctx) {
        return 1L;
    }

    /** Reads its routed entry and returns it: the REST invoke measured against a REST GET of that entry. */
    @Function(name = "bench.rest.read", maxConcurrency = 256)
    public static final class Read implements GridFunction<Object, Object> {
        @Override
        public Object apply(Object input, FunctionContext ctx) {
            return ctx.entry().get();
        }
    }
}
