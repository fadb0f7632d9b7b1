package io.gridlet.node;

/**
 * How a call routed by map and key reaches the key's owner. Both run the function on the
 * owner's invocation executor, never on a partition thread, and both make
 * {@link io.gridlet.api.FunctionContext#entry()} atomic; they differ in how.
 *
 * <p>Calls that keep a record (with an idempotency key, or of a transactional function) always
 * travel by {@link #EXECUTOR}: their record must become durable after the entry's write, and an
 * entry processor's write is applied only after the function returns.
 */
public enum KeyRoutedTransport {
    /**
     * An offloadable entry processor of Gridlet's, carrying the call: the partition thread locks
     * the key and hands the entry over, the function runs, and the partition thread applies the
     * change and backs it up (the backup receives the new value, never a second run of the
     * function). One operation, no extra lock round trips. The default.
     */
    ENTRY_PROCESSOR,
    /**
     * {@code IExecutorService.submitToKeyOwner}; the routed entry locks the key with
     * {@code IMap.lock} on first use and writes it back with {@code IMap.set}: three local
     * operations more than the entry processor.
     */
    EXECUTOR
}
