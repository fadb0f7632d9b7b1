package io.gridlet.benchmarks.jmh;

import io.gridlet.api.Function;
import io.gridlet.api.FunctionContext;
import io.gridlet.api.GridFunction;

/**
 * The function {@link DeployBenchmark} deploys. Its class file is copied into a fresh jar for
 * each version, so each version has a loader, classes and decoder of its own, as a real deploy.
 */
@Function(name = "bench.echo")
public final class DeployedEcho implements GridFunction<DeployedEcho.Message, DeployedEcho.Message> {

    /** The input and output: decoding it needs the jar's own classes. */
    public record Message(String text, long count) {
    }

    @Override
    public Message apply(Message input, FunctionContext ctx) {
        return new Message(input.text(), input.count() + 1);
    }
}
