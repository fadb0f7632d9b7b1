package io.gridlet.api;

/**
 * A unit of code that Gridlet runs next to its data.
 *
 * <p>The input and output types come from the implementing class's type arguments and are
 * resolved once, when the function is registered. Over the wire both travel as JSON, except
 * {@code byte[]}, which passes through untouched.
 *
 * <p>One instance serves every invocation on a member, concurrently: implementations must be
 * thread-safe, and should keep no per-call state in fields.
 *
 * @param <I> the input type
 * @param <O> the output type
 */
@FunctionalInterface
public interface GridFunction<I, O> {

    /**
     * Runs one invocation.
     *
     * @param input the caller's input, decoded into {@code I}
     * @param ctx   this invocation's context: its data, deadline and identity
     * @return the output, encoded for the caller; may be {@code null}
     * @throws Exception anything; the caller receives it as a {@link FunctionFailedException}
     *                   carrying the exception's class name and message, never its stack
     */
    O apply(I input, FunctionContext ctx) throws Exception;
}
