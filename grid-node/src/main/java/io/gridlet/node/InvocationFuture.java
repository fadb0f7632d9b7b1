package io.gridlet.node;

import java.util.concurrent.CompletableFuture;

/**
 * The future of a call started asynchronously. Its id is known at once, so the call's record can
 * be read by id while it runs ({@link Invocations#get(String)}). Cancelling it cancels the call on
 * the member running it too: the function's context says cancelled and its thread is interrupted.
 *
 * @param <O> the output type
 */
public abstract class InvocationFuture<O> extends CompletableFuture<InvocationResult<O>> {

    /** {@return the call's id} */
    public abstract String invocationId();
}
