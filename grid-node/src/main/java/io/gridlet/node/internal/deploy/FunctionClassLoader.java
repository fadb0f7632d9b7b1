package io.gridlet.node.internal.deploy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * The class loader of one deployed jar on one member: child-first for the jar's own classes, so
 * that two versions holding classes of the same name run side by side; parent-first for the
 * platform, Gridlet's API, Hazelcast, logging and Micrometer, so that {@code GridFunction},
 * {@code IMap} and loggers are the same classes everywhere and a jar cannot replace them.
 */
final class FunctionClassLoader extends URLClassLoader {

    private static final List<String> PARENT_FIRST = List.of(
            "java.", "javax.", "jdk.", "sun.", "com.sun.",
            "io.gridlet.api.", "com.hazelcast.", "org.slf4j.", "ch.qos.logback.", "io.micrometer.");

    static {
        registerAsParallelCapable();
    }

    private final String label;

    FunctionClassLoader(String label, Path jar, ClassLoader parent) {
        super("gridlet:" + label, new URL[] {toUrl(jar)}, parent);
        this.label = label;
    }

    private static URL toUrl(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException("cannot address " + jar, e);
        }
    }

    static boolean parentFirst(String className) {
        for (String prefix : PARENT_FIRST) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (parentFirst(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                try {
                    loaded = findClass(name);
                } catch (ClassNotFoundException notInJar) {
                    loaded = getParent().loadClass(name);
                }
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : super.getResource(name);
    }

    @Override
    public String toString() {
        return "FunctionClassLoader[" + label + "]";
    }
}
