package io.gridlet.node;

/**
 * Runs functions on the grid, next to their data.
 *
 * <p>Thread-safe. Every call has a deadline: the invocation's timeout, else the function's. A
 * call fails with a subtype of {@link io.gridlet.api.GridletException}: unknown function, bad
 * input, function failed, timed out, overloaded or no members. A call whose member leaves before
 * it answers is sent again to the key's new owner while the deadline allows.
 */
public interface Invoker {

    /**
     * Runs a call and waits for it.
     *
     * @param <O>        the output's type
     * @param invocation the call
     * @param resultType the type to decode the output into; {@code Object.class} gives plain
     *                   Java values (maps, lists, strings, {@code Long}, {@code Double}, booleans)
     * @return the output, and the member and version that ran it
     * @throws io.gridlet.api.GridletException (a subtype) when the call did not succeed
     */
    <O> InvocationResult<O> call(Invocation invocation, Class<O> resultType);

    /**
     * Starts a call and returns at once. The future completes with the result or exceptionally
     * with a {@link io.gridlet.api.GridletException} subtype; it never blocks a caller's thread.
     * The call leaves a record, readable by its id from any member for the retention period.
     *
     * @param <O>        the output's type
     * @param invocation the call
     * @param resultType the type to decode the output into
     * @return the call in flight, with its invocation id
     */
    <O> InvocationFuture<O> callAsync(Invocation invocation, Class<O> resultType);

    /**
     * Sends a call and returns at once, for a caller whose thread must not wait, such as an event
     * loop. The call travels and is sent again as {@link #call} would send it, within the same
     * deadline, and keeps no record: its id names it in logs and traces only. The future completes
     * on {@code answers} (the caller's own thread, for an event loop) with the result or
     * exceptionally with a {@link io.gridlet.api.GridletException} subtype.
     *
     * <p>The calling thread does no blocking work: a call on a map this caller has not used yet,
     * whose first use may load the map's store, is sent from another thread.
     *
     * @param <O>        the output's type
     * @param invocation the call
     * @param resultType the type to decode the output into
     * @param answers    where the answer is read and the future completed
     * @return the call in flight
     */
    <O> InvocationFuture<O> submit(Invocation invocation, Class<O> resultType, java.util.concurrent.Executor answers);

    /**
     * Runs a function on every member over that member's own partitions of a map, and waits for
     * all of them. Each partition is read by exactly one call, also when members leave or join.
     *
     * @param <O>        the type of each member's output
     * @param fanOut     the function, map, input and deadline
     * @param resultType the type to decode each member's output into
     * @return each member's output
     * @throws io.gridlet.api.GridletException (a subtype) if any call failed
     */
    <O> FanOutResult<O> fanOut(FanOut fanOut, Class<O> resultType);

    /**
     * Runs a call and returns its output.
     *
     * @param <O>        the output's type
     * @param invocation the call
     * @param resultType the type to decode the output into
     * @return the output
     */
    default <O> O invoke(Invocation invocation, Class<O> resultType) {
        return call(invocation, resultType).output();
    }

    /**
     * Runs {@code function} with {@code input} on any member and returns its output as plain Java values.
     *
     * @param function the function's name
     * @param input    the input, encoded as JSON
     * @return the output: maps, lists, strings, {@code Long}, {@code Double}, booleans or {@code null}
     */
    default Object invoke(String function, Object input) {
        return invoke(Invocation.of(function).input(input).build(), Object.class);
    }

    /**
     * Runs {@code function} on the owner of {@code key} in {@code map} and returns its output.
     *
     * @param <O>        the output's type
     * @param function   the function's name
     * @param map        the map the key is in
     * @param key        the entry the call holds while it runs
     * @param input      the input, encoded as JSON
     * @param resultType the type to decode the output into
     * @return the output
     */
    default <O> O invokeOnKey(String function, String map, Object key, Object input, Class<O> resultType) {
        return invoke(Invocation.of(function).onKey(map, key).input(input).build(), resultType);
    }
}
