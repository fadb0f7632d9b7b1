package io.gridlet.node;

/**
 * How a call routed by map and key reaches the key's owner. Both run the function on the
 * owner's invocation executor, never on a partition thread, and both make
 * {@link io.gridlet.api.FunctionContext#entry()} atomic; they differ in how, and in durability.
 *
 * <p>Calls that keep a record (with an idempotency key, or of a transactional function) always
 * travel by {@link #EXECUTOR}: their record must become durable after the entry's write, and an
 * entry processor's write is applied only after the function returns.
 */
public enum KeyRoutedTransport {
    /**
     * An offloadable entry processor of Gridlet's, carrying the call: the partition thread locks
     * the key and hands the entry over, the function runs, and the partition thread applies the
     * change and sends it to the backups (the backup receives the new value, never a second run
     * of the function). One operation, no extra lock round trips.
     *
     * <p><b>Not durable on acknowledgement.</b> Hazelcast answers an offloaded entry processor
     * without waiting for its backups to confirm the change, so an acknowledged write is lost if
     * its member dies right after answering, or if it is cut off from the others by a network
     * partition (the partition scenario of the reliability suite saw exactly that). Opt in only
     * where losing an acknowledged update is acceptable.
     */
    ENTRY_PROCESSOR,
    /**
     * A read-only offloadable processor of Gridlet's on the routed map itself, which Hazelcast
     * runs on the key's owner, handed to the invocation executor without a lock. There calls on
     * the key run one after another under a lock of the member's; the routed entry is read with
     * {@code get} and written back with a compare-and-set whose synchronous backups are confirmed
     * before the call is answered (an unconfirmed backup makes the outcome unknown, never a
     * success). The default.
     */
    EXECUTOR
}
