package io.gridlet.node;

import io.gridlet.api.GridFunction;
import java.util.List;
import java.util.Optional;

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
     * @param type the function's class
     * @return the spec it was registered under, from its annotation
     * @throws IllegalArgumentException if the class has no {@code @Function} or cannot be created
     * @throws io.gridlet.api.VersionConflictException if the name and version are taken
     */
    FunctionSpec register(Class<? extends GridFunction<?, ?>> type);

    /**
     * Registers an instance whose class carries {@link io.gridlet.api.Function}.
     *
     * @param function the function
     * @return the spec it was registered under, from its class's annotation
     * @throws IllegalArgumentException if the class has no {@code @Function}
     */
    FunctionSpec register(GridFunction<?, ?> function);

    /**
     * Registers an instance or a lambda under an explicit spec. A lambda's type arguments are not
     * visible at run time, so its input type is given.
     *
     * @param <I>       the function's input type
     * @param spec      its name, version and limits
     * @param inputType the class inputs are decoded into
     * @param function  the function
     * @return {@code spec}
     * @throws io.gridlet.api.VersionConflictException if the name and version are taken
     */
    <I> FunctionSpec register(FunctionSpec spec, Class<I> inputType, GridFunction<I, ?> function);

    /**
     * Registers a lambda or an instance under {@code name}, with the defaults of
     * {@link io.gridlet.api.Function}: {@code register("greet", String.class, (name, ctx) -> "hi " + name)}.
     *
     * @param <I>       the function's input type
     * @param name      the function's name
     * @param inputType the class inputs are decoded into
     * @param function  the function
     * @return the spec it was registered under
     */
    default <I> FunctionSpec register(String name, Class<I> inputType, GridFunction<I, ?> function) {
        return register(FunctionSpec.named(name).build(), inputType, function);
    }

    /**
     * Makes {@code version} the live version of {@code name}.
     *
     * @param name    the function
     * @param version the version calls without one run from now on
     * @throws io.gridlet.api.UnknownFunctionException if there is no such version
     */
    void activate(String name, String version);

    /**
     * Makes {@code version} live and sends {@code canaryPercent} percent of the calls without a
     * version to {@code canary}; a null canary or 0 percent removes the split.
     *
     * @param name          the function
     * @param version       the live version
     * @param canary        the version taking part of the calls, or {@code null}
     * @param canaryPercent its share of the calls without a version, 0 to 100
     * @throws io.gridlet.api.UnknownFunctionException if either version is missing
     */
    void activate(String name, String version, String canary, int canaryPercent);

    /**
     * Removes one version, or every version when {@code version} is null. Calls running it finish.
     *
     * @param name    the function
     * @param version the version, or {@code null} for all of them
     * @return whether anything was removed
     */
    boolean unregister(String name, String version);

    /**
     * The spec of a registered version: {@code version}, or the live one when it is null.
     *
     * @param name    the function
     * @param version the version, or {@code null} for the live one
     * @return the spec, or empty if there is no such function or version on this member
     */
    Optional<FunctionSpec> spec(String name, String version);

    /**
     * The specs of every version registered on this member.
     *
     * @return the specs, by name then version
     */
    List<FunctionSpec> registered();
}
