package io.gridlet.node.registry;

import io.gridlet.api.GridFunction;
import io.gridlet.node.FunctionSpec;
import java.util.Collection;

/**
 * The functions this member can run. Thread-safe; registration is rare, resolution is on every
 * call and takes no lock.
 *
 * <p>Functions registered in-process live on this member only: an embedding application
 * registers the same functions on each of its members.
 */
public interface FunctionRegistry {

    /**
     * Registers a function class carrying {@link io.gridlet.api.Function}, created with its
     * public no-arg constructor. Its input and output types come from its type arguments.
     *
     * @throws IllegalArgumentException if the class has no {@code @Function} or cannot be created
     * @throws io.gridlet.api.VersionConflictException if the name and version are taken
     */
    FunctionSpec register(Class<? extends GridFunction<?, ?>> type);

    /**
     * Registers an instance whose class carries {@link io.gridlet.api.Function}.
     *
     * @throws IllegalArgumentException if the class has no {@code @Function}
     */
    FunctionSpec register(GridFunction<?, ?> function);

    /**
     * Registers an instance or a lambda under an explicit spec. A lambda's type arguments are not
     * visible at run time, so its input type is given.
     */
    <I> FunctionSpec register(FunctionSpec spec, Class<I> inputType, GridFunction<I, ?> function);

    /**
     * Registers a lambda or an instance under {@code name}, with the defaults of
     * {@link io.gridlet.api.Function}: {@code register("greet", String.class, (name, ctx) -> "hi " + name)}.
     */
    default <I> FunctionSpec register(String name, Class<I> inputType, GridFunction<I, ?> function) {
        return register(FunctionSpec.named(name).build(), inputType, function);
    }

    /** Registers a prepared version and makes it live; the way deployed jars come in. */
    void register(RegisteredFunction function, boolean makeLive);

    /**
     * Makes {@code version} the live version of {@code name}.
     *
     * @throws io.gridlet.api.UnknownFunctionException if there is no such version
     */
    void activate(String name, String version);

    /**
     * Makes {@code version} live and sends {@code canaryPercent} percent of the calls without a
     * version to {@code canary}; a null canary or 0 percent removes the split.
     *
     * @throws io.gridlet.api.UnknownFunctionException if either version is missing
     */
    void activate(String name, String version, String canary, int canaryPercent);

    /**
     * Removes one version, or every version when {@code version} is null. Calls running it finish.
     *
     * @return whether anything was removed
     */
    boolean unregister(String name, String version);

    /**
     * The version to run: {@code version}, or the live one when it is null.
     *
     * @return the function, or {@code null} if there is no such function or version
     */
    RegisteredFunction resolve(String name, String version);

    /** Every registered version, in no particular order. */
    Collection<RegisteredFunction> versions();
}
