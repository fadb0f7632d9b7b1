package io.gridlet.node;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/** Builds function jars for tests from Java source, with javax.tools: no binary jar is checked in. */
public final class TestJars {

    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> services = new ArrayList<>();
    private final Map<String, byte[]> extraEntries = new LinkedHashMap<>();
    private String implementationVersion;
    private boolean withServicesFile = true;

    public static TestJars builder() {
        return new TestJars();
    }

    /** A jar of one function class {@code pkg.Name} whose {@code apply} returns {@code body}. */
    public static byte[] jar(String className, String functionName, String inputType, String outputType,
                             String body) {
        return builder().function(className, functionName, inputType, outputType, body).build();
    }

    public TestJars function(String className, String functionName, String inputType, String outputType,
                             String body) {
        return source(className, """
                package %s;
                import io.gridlet.api.*;
                @Function(name = "%s")
                public class %s implements GridFunction<%s, %s> {
                    @Override
                    public %s apply(%s input, FunctionContext ctx) throws Exception {
                        %s
                    }
                }
                """.formatted(packageOf(className), functionName, simpleName(className), inputType, outputType,
                outputType, inputType, body)).service(className);
    }

    public TestJars source(String className, String source) {
        sources.put(className, source);
        return this;
    }

    public TestJars service(String className) {
        services.add(className);
        return this;
    }

    public TestJars implementationVersion(String version) {
        this.implementationVersion = version;
        return this;
    }

    public TestJars withoutServicesFile() {
        this.withServicesFile = false;
        return this;
    }

    public TestJars entry(String name, byte[] bytes) {
        extraEntries.put(name, bytes);
        return this;
    }

    public byte[] build() {
        try {
            Path classes = Files.createTempDirectory("test-jar-classes");
            compile(classes);
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            if (implementationVersion != null) {
                manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, implementationVersion);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (JarOutputStream jar = new JarOutputStream(bytes, manifest); Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    jar.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    jar.write(Files.readAllBytes(file));
                    jar.closeEntry();
                }
                if (withServicesFile) {
                    jar.putNextEntry(new JarEntry("META-INF/services/io.gridlet.api.GridFunction"));
                    jar.write(String.join("\n", services).getBytes(StandardCharsets.UTF_8));
                    jar.closeEntry();
                }
                for (Map.Entry<String, byte[]> extra : extraEntries.entrySet()) {
                    jar.putNextEntry(new JarEntry(extra.getKey()));
                    jar.write(extra.getValue());
                    jar.closeEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void compile(Path output) {
        if (sources.isEmpty()) {
            return;
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<SimpleJavaFileObject> units = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            units.add(new SimpleJavaFileObject(URI.create("string:///" + source.getKey().replace('.', '/') + ".java"),
                    javax.tools.JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source.getValue();
                }
            });
        }
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        List<String> options = List.of("-d", output.toString(), "-classpath", System.getProperty("java.class.path"),
                "--release", "17", "-proc:none");
        boolean ok = compiler.getTask(new java.io.PrintWriter(errors), null, null, options, null, units).call();
        if (!ok) {
            throw new IllegalStateException("test jar did not compile:\n" + errors);
        }
    }

    private static String packageOf(String className) {
        return className.substring(0, className.lastIndexOf('.'));
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
