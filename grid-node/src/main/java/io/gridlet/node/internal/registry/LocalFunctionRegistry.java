package io.gridlet.node.internal.registry;

import io.gridlet.node.FunctionRegistry;
import com.fasterxml.jackson.databind.JavaType;
import io.gridlet.api.Function;
import io.gridlet.api.GridFunction;
import io.gridlet.api.UnknownFunctionException;
import io.gridlet.api.VersionConflictException;
import io.gridlet.node.FunctionSpec;
import io.gridlet.node.internal.codec.PayloadCodec;
import io.gridlet.node.internal.metrics.FunctionMeters;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The functions of this member, in memory. Resolution is two hash lookups and a volatile read;
 * changes to one function's versions are serialized on that function.
 */
public final class LocalFunctionRegistry implements FunctionRegistry {

    private final ConcurrentHashMap<String, Versions> functions = new ConcurrentHashMap<>();
    private final PayloadCodec codec;
    private final MeterRegistry meterRegistry;

    public LocalFunctionRegistry(PayloadCodec codec, MeterRegistry meterRegistry) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
    }

    @Override
    public FunctionSpec register(Class<? extends GridFunction<?, ?>> type) {
        Objects.requireNonNull(type, "type");
        return register(instantiate(type));
    }

    @Override
    public FunctionSpec register(GridFunction<?, ?> function) {
        Objects.requireNonNull(function, "function");
        Class<?> type = function.getClass();
        Function annotation = type.getAnnotation(Function.class);
        if (annotation == null) {
            throw new IllegalArgumentException(type.getName() + " has no @" + Function.class.getName()
                    + ": register it with an explicit FunctionSpec");
        }
        FunctionSpec spec = FunctionSpec.of(annotation, FunctionSpec.DEFAULT_VERSION);
        JavaType input = FunctionTypes.inputType(codec.mapper().getTypeFactory(), type);
        register(prepare(spec, function, input, type.getClassLoader()), true);
        return spec;
    }

    @Override
    public <I> FunctionSpec register(FunctionSpec spec, Class<I> inputType, GridFunction<I, ?> function) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(inputType, "inputType");
        Objects.requireNonNull(function, "function");
        JavaType input = codec.mapper().constructType(inputType);
        register(prepare(spec, function, input, function.getClass().getClassLoader()), true);
        return spec;
    }

    /** Resolves what a call needs, once, and creates the version's meters. */
    public RegisteredFunction prepare(FunctionSpec spec, GridFunction<?, ?> function, JavaType inputType,
                                      ClassLoader classLoader) {
        return prepare(spec, function, inputType, classLoader, codec, null);
    }

    /** As {@link #prepare(FunctionSpec, GridFunction, JavaType, ClassLoader)}, for a function of a deployed jar. */
    public RegisteredFunction prepare(FunctionSpec spec, GridFunction<?, ?> function, JavaType inputType,
                                      ClassLoader classLoader, PayloadCodec functionCodec, String artifact) {
        FunctionMeters meters = new FunctionMeters(meterRegistry, spec.name(), spec.version(), spec.maxConcurrency());
        return new RegisteredFunction(spec, function, inputType, functionCodec, classLoader, meters, artifact);
    }

    /** Registers a prepared version and makes it live if asked; the way deployed jars come in. */
    public void register(RegisteredFunction function, boolean makeLive) {
        Versions versions = functions.computeIfAbsent(function.name(), name -> new Versions());
        synchronized (versions) {
            RegisteredFunction existing = versions.byVersion.putIfAbsent(function.version(), function);
            if (existing != null && existing != function) {
                throw new VersionConflictException(function + " is already registered; versions are immutable");
            }
            if (makeLive || versions.alias == null) {
                versions.alias = new Alias(function, null, 0);
            }
            // A concurrent unregister of the last version may have dropped this holder.
            functions.putIfAbsent(function.name(), versions);
        }
    }

    @Override
    public void activate(String name, String version) {
        activate(name, version, null, 0);
    }

    @Override
    public void activate(String name, String version, String canary, int canaryPercent) {
        if (canaryPercent < 0 || canaryPercent > 100) {
            throw new IllegalArgumentException("canary percent must be 0 to 100: " + canaryPercent);
        }
        Versions versions = functions.get(name);
        if (versions == null) {
            throw new UnknownFunctionException(name, "no function named " + name);
        }
        synchronized (versions) {
            RegisteredFunction target = versions.byVersion.get(version);
            if (target == null) {
                throw new UnknownFunctionException(name, "function " + name + " has no version " + version);
            }
            RegisteredFunction canaryTarget = canary == null ? null : versions.byVersion.get(canary);
            if (canary != null && canaryTarget == null) {
                throw new UnknownFunctionException(name, "function " + name + " has no version " + canary);
            }
            versions.alias = new Alias(target, canaryPercent == 0 ? null : canaryTarget, canaryPercent);
        }
    }

    @Override
    public boolean unregister(String name, String version) {
        List<RegisteredFunction> removed = remove(name, version);
        removed.forEach(function -> {
            function.retire();
            function.meters().remove();
        });
        return !removed.isEmpty();
    }

    /**
     * Takes versions out of resolution and retires them; the caller drains them. Used for
     * deployed versions, whose class loader must outlive their last call.
     */
    public List<RegisteredFunction> remove(String name, String version) {
        Versions versions = functions.get(name);
        if (versions == null) {
            return List.of();
        }
        List<RegisteredFunction> removed = new ArrayList<>();
        synchronized (versions) {
            if (version == null) {
                removed.addAll(versions.byVersion.values());
                versions.byVersion.clear();
            } else {
                RegisteredFunction gone = versions.byVersion.remove(version);
                if (gone != null) {
                    removed.add(gone);
                }
            }
            Alias alias = versions.alias;
            if (alias != null && !versions.byVersion.containsKey(alias.live.version())) {
                RegisteredFunction next = versions.byVersion.values().stream().findFirst().orElse(null);
                versions.alias = next == null ? null : new Alias(next, null, 0);
            } else if (alias != null && alias.canary != null
                    && !versions.byVersion.containsKey(alias.canary.version())) {
                versions.alias = new Alias(alias.live, null, 0);
            }
            if (versions.byVersion.isEmpty()) {
                functions.remove(name, versions);
            }
        }
        removed.forEach(RegisteredFunction::retire);
        return removed;
    }

    /**
     * The version to run: {@code version}, or the live one when it is null.
     *
     * @return the function, or {@code null} if there is no such function or version
     */
    public RegisteredFunction resolve(String name, String version) {
        Versions versions = functions.get(name);
        if (versions == null) {
            return null;
        }
        if (version != null) {
            return versions.byVersion.get(version);
        }
        Alias alias = versions.alias;
        if (alias == null) {
            return null;
        }
        if (alias.canary != null && ThreadLocalRandom.current().nextInt(100) < alias.percent) {
            return alias.canary;
        }
        return alias.live;
    }

    /** The live version of {@code name} without a canary draw, or {@code null}. */
    public RegisteredFunction live(String name) {
        Versions versions = functions.get(name);
        Alias alias = versions == null ? null : versions.alias;
        return alias == null ? null : alias.live;
    }

    /** Every registered version, in no particular order. */
    public Collection<RegisteredFunction> versions() {
        List<RegisteredFunction> all = new ArrayList<>();
        for (Versions versions : functions.values()) {
            all.addAll(versions.byVersion.values());
        }
        return all;
    }

    /** The input type of a function class, resolved with {@code codec}'s types. */
    public static JavaType inputType(PayloadCodec codec, Class<?> functionClass) {
        return FunctionTypes.inputType(codec.mapper().getTypeFactory(), functionClass);
    }

    /** Creates a function with its public no-arg constructor, saying why when that fails. */
    public static GridFunction<?, ?> instantiate(Class<?> type) {
        if (!GridFunction.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(type.getName() + " does not implement " + GridFunction.class.getName());
        }
        if (Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalArgumentException(type.getName() + " is abstract");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName() + " has no public no-arg constructor", e);
        }
        try {
            return (GridFunction<?, ?>) constructor.newInstance();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new IllegalArgumentException("the constructor of " + type.getName() + " threw "
                    + cause.getClass().getName() + ": " + cause.getMessage(), cause);
        } catch (ExceptionInInitializerError e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalArgumentException("the static initializer of " + type.getName() + " threw "
                    + cause.getClass().getName() + ": " + cause.getMessage(), cause);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalArgumentException("cannot create " + type.getName() + ": " + e, e);
        }
    }

    /** Where a call without a version goes: the live version, and a canary taking a percentage. */
    private record Alias(RegisteredFunction live, RegisteredFunction canary, int percent) {
    }

    /** One function's versions. Guarded by its own monitor for writes; read without a lock. */
    private static final class Versions {
        final Map<String, RegisteredFunction> byVersion = new ConcurrentHashMap<>();
        /** Replaced whole, so that a call sees the live version and its canary together. */
        volatile Alias alias;
    }

    @Override
    public java.util.Optional<FunctionSpec> spec(String name, String version) {
        RegisteredFunction function = resolve(name, version);
        return function == null ? java.util.Optional.empty() : java.util.Optional.of(function.spec());
    }

    @Override
    public List<FunctionSpec> registered() {
        return versions().stream().map(RegisteredFunction::spec)
                .sorted(java.util.Comparator.comparing(FunctionSpec::name).thenComparing(FunctionSpec::version)).toList();
    }
}
