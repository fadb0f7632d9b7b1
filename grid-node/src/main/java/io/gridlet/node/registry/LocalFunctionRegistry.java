package io.gridlet.node.registry;

import com.fasterxml.jackson.databind.JavaType;
import io.gridlet.api.Function;
import io.gridlet.api.GridFunction;
import io.gridlet.api.UnknownFunctionException;
import io.gridlet.api.VersionConflictException;
import io.gridlet.node.FunctionSpec;
import io.gridlet.node.invoke.PayloadCodec;
import io.gridlet.node.metrics.FunctionMeters;
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
        FunctionMeters meters = new FunctionMeters(meterRegistry, spec.name(), spec.version());
        return new RegisteredFunction(spec, function, inputType, codec, classLoader, meters);
    }

    @Override
    public void register(RegisteredFunction function, boolean makeLive) {
        Versions versions = functions.computeIfAbsent(function.name(), name -> new Versions());
        synchronized (versions) {
            RegisteredFunction existing = versions.byVersion.putIfAbsent(function.version(), function);
            if (existing != null && existing != function) {
                throw new VersionConflictException(function + " is already registered; versions are immutable");
            }
            if (makeLive || versions.live == null) {
                versions.live = function;
            }
            // A concurrent unregister of the last version may have dropped this holder.
            functions.putIfAbsent(function.name(), versions);
        }
    }

    @Override
    public void activate(String name, String version) {
        Versions versions = functions.get(name);
        if (versions == null) {
            throw new UnknownFunctionException(name, "no function named " + name);
        }
        synchronized (versions) {
            RegisteredFunction target = versions.byVersion.get(version);
            if (target == null) {
                throw new UnknownFunctionException(name, "function " + name + " has no version " + version);
            }
            versions.live = target;
        }
    }

    @Override
    public boolean unregister(String name, String version) {
        Versions versions = functions.get(name);
        if (versions == null) {
            return false;
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
            if (versions.live != null && !versions.byVersion.containsKey(versions.live.version())) {
                versions.live = versions.byVersion.values().stream().findFirst().orElse(null);
            }
            if (versions.byVersion.isEmpty()) {
                functions.remove(name, versions);
            }
        }
        removed.forEach(function -> function.meters().remove());
        return !removed.isEmpty();
    }

    @Override
    public RegisteredFunction resolve(String name, String version) {
        Versions versions = functions.get(name);
        if (versions == null) {
            return null;
        }
        return version == null ? versions.live : versions.byVersion.get(version);
    }

    @Override
    public Collection<RegisteredFunction> versions() {
        List<RegisteredFunction> all = new ArrayList<>();
        for (Versions versions : functions.values()) {
            all.addAll(versions.byVersion.values());
        }
        return all;
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

    /** One function's versions. Guarded by its own monitor for writes; read without a lock. */
    private static final class Versions {
        final Map<String, RegisteredFunction> byVersion = new ConcurrentHashMap<>();
        volatile RegisteredFunction live;
    }
}
