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
     * @param resultType the type to decode the output into; {@code Object.class} gives plain
     *                   Java values (maps, lists, strings, {@code Long}, {@code Double}, booleans)
     * @throws io.gridlet.api.GridletException (a subtype) when the call did not succeed
     */
    <O> InvocationResult<O> call(Invocation invocation, Class<O> resultType);

    /**
     * Starts a call and returns at once. The future completes with the result or exceptionally
     * with a {@link io.gridlet.api.GridletException} subtype; it never blocks a caller's thread.
     * The call leaves a record, readable by its id from any member for the retention period.
     */
    <O> InvocationFuture<O> callAsync(Invocation invocation, Class<O> resultType);

    /**
     * Runs a function on every member over that member's own partitions of a map, and waits for
     * all of them. Each partition is read by exactly one call, also when members leave or join.
     *
     * @throws io.gridlet.api.GridletException (a subtype) if any call failed
     */
    <O> FanOutResult<O> fanOut(FanOut fanOut, Class<O> resultType);

    /** Runs a call and returns its output. */
    default <O> O invoke(Invocation invocation, Class<O> resultType) {
        return call(invocation, resultType).output();
    }

    /** Runs {@code function} with {@code input} on any member and returns its output as plain Java values. */
    default Object invoke(String function, Object input) {
        return invoke(Invocation.of(function).input(input).build(), Object.class);
    }

    /** Runs {@code function} on the owner of {@code key} in {@code map} and returns its output. */
    default <O> O invokeOnKey(String function, String map, Object key, Object input, Class<O> resultType) {
        return invoke(Invocation.of(function).onKey(map, key).input(input).build(), resultType);
    }
}
