package io.gridlet.node.internal.deploy;

import com.fasterxml.jackson.databind.JavaType;
import io.gridlet.api.BadInputException;
import io.gridlet.api.Function;
import io.gridlet.api.GridFunction;
import io.gridlet.node.FunctionSpec;
import io.gridlet.node.internal.codec.PayloadCodec;
import io.gridlet.node.internal.registry.LocalFunctionRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One jar loaded on this member: its file in the temp directory, its class loader, its codec, and
 * the function instances it declares, each created once. Closed when the last of its versions has
 * drained.
 */
final class LoadedArtifact implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LoadedArtifact.class);

    /** One function the jar declares. */
    record Definition(String className, FunctionSpec spec, GridFunction<?, ?> instance, JavaType inputType) {
    }

    private final String sha256;
    private final String version;
    private final Path file;
    private final FunctionClassLoader loader;
    private final PayloadCodec codec;
    private final List<Definition> definitions;
    private final AtomicInteger registered = new AtomicInteger();

    private LoadedArtifact(String sha256, String version, Path file, FunctionClassLoader loader, PayloadCodec codec,
                           List<Definition> definitions) {
        this.sha256 = sha256;
        this.version = version;
        this.file = file;
        this.loader = loader;
        this.codec = codec;
        this.definitions = List.copyOf(definitions);
    }

    /**
     * Writes the jar to the temp directory, loads each listed class with a loader of its own, and
     * creates each function once, checking everything a deploy promises.
     *
     * @throws BadInputException naming what is wrong; nothing is left behind
     */
    static LoadedArtifact load(byte[] jar, String sha256, String version, List<String> classNames,
                               PayloadCodec baseCodec, Path tempDirectory) {
        Path file;
        try {
            file = Files.createTempFile(tempDirectory, "gridlet-" + sha256.substring(0, 12) + "-", ".jar");
            Files.write(file, jar);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the jar to " + tempDirectory + ": " + e.getMessage(), e);
        }
        FunctionClassLoader loader = new FunctionClassLoader(version + "-" + sha256.substring(0, 12), file,
                GridFunction.class.getClassLoader());
        try {
            PayloadCodec codec = baseCodec.forClassLoader(loader);
            List<Definition> definitions = define(classNames, loader, codec, version);
            return new LoadedArtifact(sha256, version, file, loader, codec, definitions);
        } catch (RuntimeException | LinkageError e) {
            closeQuietly(loader, file);
            if (e instanceof BadInputException bad) {
                throw bad;
            }
            throw new BadInputException("the jar cannot be loaded: " + e, e);
        }
    }

    private static List<Definition> define(List<String> classNames, FunctionClassLoader loader, PayloadCodec codec,
                                           String version) {
        List<Definition> definitions = new ArrayList<>();
        Map<String, String> classByName = new HashMap<>();
        for (String className : classNames) {
            if (FunctionClassLoader.parentFirst(className)) {
                throw new BadInputException("the jar lists " + className
                        + ", a class of the platform, which a jar cannot provide or replace");
            }
            Class<?> type;
            try {
                type = Class.forName(className, false, loader);
            } catch (ClassNotFoundException e) {
                throw new BadInputException("class " + className + " is listed in " + JarInspector.SERVICES
                        + " but is not in the jar");
            }
            if (type.getClassLoader() != loader) {
                throw new BadInputException("class " + className + " is listed, but comes from outside the jar");
            }
            if (!GridFunction.class.isAssignableFrom(type)) {
                throw new BadInputException("class " + className + " does not implement " + GridFunction.class.getName());
            }
            Function annotation = type.getAnnotation(Function.class);
            if (annotation == null) {
                throw new BadInputException("class " + className + " has no @" + Function.class.getName());
            }
            FunctionSpec spec;
            try {
                spec = FunctionSpec.of(annotation, version);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("class " + className + " has a bad @Function: " + e.getMessage());
            }
            String earlier = classByName.putIfAbsent(spec.name(), className);
            if (earlier != null) {
                throw new BadInputException("function name " + spec.name() + " is declared twice, by " + earlier
                        + " and " + className);
            }
            GridFunction<?, ?> instance;
            try {
                instance = LocalFunctionRegistry.instantiate(type);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
            JavaType inputType = LocalFunctionRegistry.inputType(codec, type);
            definitions.add(new Definition(className, spec, instance, inputType));
        }
        return definitions;
    }

    String sha256() {
        return sha256;
    }

    String version() {
        return version;
    }

    List<Definition> definitions() {
        return definitions;
    }

    Definition definition(String name) {
        for (Definition definition : definitions) {
            if (definition.spec().name().equals(name)) {
                return definition;
            }
        }
        return null;
    }

    ClassLoader loader() {
        return loader;
    }

    PayloadCodec codec() {
        return codec;
    }

    /** One more of this jar's versions is registered. */
    void retain() {
        registered.incrementAndGet();
    }

    /** One of its versions drained; returns whether none is left. */
    boolean release() {
        return registered.decrementAndGet() <= 0;
    }

    @Override
    public void close() {
        closeQuietly(loader, file);
    }

    private static void closeQuietly(FunctionClassLoader loader, Path file) {
        try {
            loader.close();
        } catch (IOException e) {
            LOG.warn("Could not close the class loader of {}", file, e);
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete {}", file, e);
        }
    }
}
