package io.gridlet.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a {@link GridFunction} and sets how it may run. Read once, when the function is
 * registered or its jar is deployed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Function {

    /** {@return the name callers invoke, for example {@code "orders.total"}} */
    String name();

    /** The deadline of a call that sets none and of a function that declares none, in milliseconds. */
    long DEFAULT_TIMEOUT_MILLIS = 30_000;

    /** {@return the deadline of a call that sets none, in milliseconds} */
    long timeoutMillis() default DEFAULT_TIMEOUT_MILLIS;

    /** {@return how many calls of this function may run at once on one member; past it, overloaded} */
    int maxConcurrency() default 64;

    /** {@return what the function does, for people reading the function list} */
    String description() default "";

    /**
     * Whether the function's map writes and its idempotency record commit together, in one
     * transaction, so that a retry after a member loss never repeats them.
     *
     * @return whether the function is transactional
     */
    boolean transactional() default false;

    /**
     * Whether a call routed by key may run on its key's partition thread, as a plain Hazelcast
     * entry processor does, instead of being handed to the invocation executor: no hand-off, and
     * the routed entry's backup is confirmed to the caller by Hazelcast itself. For short functions
     * that do not block and touch no data but their routed entry: while one runs, every other
     * operation on its partition waits, its deadline cannot interrupt it, and it cannot reach other
     * partitions. Not with {@link #transactional()}; a call with an idempotency key still runs on
     * the invocation executor.
     *
     * @return whether calls routed by key may run on the partition thread
     */
    boolean partitionThread() default false;
}
