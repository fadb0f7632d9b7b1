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
     * The default. A plain call is one operation of the key's partition, run as Hazelcast runs an
     * offloadable entry processor but answered only once its backups have the change: the
     * partition thread takes the key (calls on it wait their turn, as for a map lock), reads the
     * entry and hands the call to the invocation executor; the function runs there; the partition
     * thread then applies the change, sends it to the backups, gives the key back and answers,
     * and a member caller completes the call once the backups confirmed it, as for any map write
     * (an unconfirmed backup makes the outcome unknown, never a success). A client's call with one
     * backup is answered by the backup itself once it has applied the change: three messages a
     * call instead of four, the owner failing the call as of unknown outcome if the backup does
     * not confirm within the backup timeout.
     *
     * <p>A call with an idempotency key, or of a transactional function (which must take the key
     * itself), travels as a read-only offloadable processor instead: the routed entry is read
     * under a lock of the member's and written back with a compare-and-set whose backups are
     * confirmed before its record is written and the call answered. So do calls on a map whose
     * store loads and writes on threads of its own.
     */
    EXECUTOR
}
