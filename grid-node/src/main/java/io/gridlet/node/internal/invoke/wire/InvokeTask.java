package io.gridlet.node.internal.invoke.wire;

import java.util.concurrent.Callable;

/**
 * A call carried by the invocation executor ({@code IExecutorService}): to a chosen member, or to
 * the owner of a key. With a map and a key, its routed entry locks the key on first use, or holds
 * it in the call's transaction for a transactional function.
 */
public final class InvokeTask extends RequestCarrier implements Callable<InvocationResponse> {

    public InvokeTask() {
    }

    public InvokeTask(InvocationRequest request) {
        super(request);
    }

    @Override
    public InvocationResponse call() {
        return run();
    }

    @Override
    public int getClassId() {
        return InvokeSerializerHook.INVOKE_TASK;
    }
}
