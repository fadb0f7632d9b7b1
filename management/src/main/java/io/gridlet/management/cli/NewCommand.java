package io.gridlet.management.cli;

import io.gridlet.api.BadInputException;
import io.gridlet.node.Names;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gridlet new NAME [--package P] [--dir D]}: a new function project from the archetype
 * {@code io.gridlet:gridlet-function-archetype}, run from the local repository (installed from this
 * checkout first when missing). Exit codes: 0 made, 1 Maven failed, 2 a bad name, package or
 * directory.
 */
@Command(name = "new", description = "Create a function project: one function, its test on a real member, a Maven wrapper.")
final class NewCommand implements Callable<Integer> {

    static final String ARCHETYPE = "gridlet-function-archetype";
    private static final Pattern PACKAGE = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "var", "record", "yield");

    /** The archetype plugin the reactor builds the archetype with: {@code archetype.version} in the parent pom. */
    static final String ARCHETYPE_PLUGIN_VERSION = "3.4.1";
    /** Names the generated source uses already: a class of the same name would hide them. */
    private static final Set<String> TAKEN = Set.of("Function", "FunctionContext", "GridFunction", "RoutedEntry",
            "Visit", "Greeting", "String", "Object", "Override", "Long");

    @Parameters(index = "0", paramLabel = "NAME", description = "the function's name on the grid: letters, digits, '.', '-' and '_'")
    String name;

    @Option(names = "--package", paramLabel = "P", description = "the Java package (default: com.example and the name)")
    String packageName;

    @Option(names = "--dir", paramLabel = "D", description = "where the project goes; absent or empty (default: ./NAME)")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            run(out);
            return 0;
        } catch (Remote.Failure failure) {
            err.println("gridlet new: " + failure.getMessage());
            err.flush();
            return failure.exitCode;
        }
    }

    private void run(PrintWriter out) {
        try {
            Names.function(name);
        } catch (BadInputException e) {
            throw new Remote.Failure(2, "not a function name: " + e.getMessage());
        }
        String javaPackage = packageName == null ? defaultPackage(name) : checkPackage(packageName);
        String className = className(name);
        Path target = (dir == null ? Path.of(name) : dir).toAbsolutePath().normalize();
        if (Files.exists(target) && !emptyDirectory(target)) {
            throw new Remote.Failure(2, "the directory " + target + " exists and is not empty: choose another with --dir");
        }
        Checkout checkout = Checkout.current();
        String version = checkout.version();
        installIfMissing(checkout, version, out);

        // Generated beside the target and moved into place whole, so that a failure leaves nothing half made.
        Path parent = target.getParent();
        Path scratch;
        try {
            Files.createDirectories(parent);
            scratch = Files.createTempDirectory(parent, ".gridlet-new-");
        } catch (IOException e) {
            throw new Remote.Failure(2, "cannot write in " + parent + ": " + e.getMessage());
        }
        try {
            Checkout.Run generate = Checkout.maven(checkout.root().resolve("mvnw"), scratch, List.of("-B", "-q", "-o",
                    "org.apache.maven.plugins:maven-archetype-plugin:" + ARCHETYPE_PLUGIN_VERSION + ":generate",
                    "-DinteractiveMode=false", "-DarchetypeGroupId=io.gridlet", "-DarchetypeArtifactId=" + ARCHETYPE,
                    "-DarchetypeVersion=" + version, "-DgroupId=" + javaPackage, "-DartifactId=" + name,
                    "-Dversion=1.0.0-SNAPSHOT", "-Dpackage=" + javaPackage, "-DfunctionName=" + name,
                    "-DclassName=" + className, "-DoutputDirectory=" + scratch), 10);
            Path made = scratch.resolve(name);
            if (generate.exitCode() != 0 || !Files.isRegularFile(made.resolve("pom.xml"))) {
                throw new Remote.Failure(1, "the archetype did not run:\n" + Checkout.errors(generate.output()));
            }
            // The archetype keeps no file modes: the wrapper is made runnable again.
            made.resolve("mvnw").toFile().setExecutable(true);
            if (Files.exists(target)) {
                Files.delete(target);
            }
            Files.move(made, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new Remote.Failure(1, "cannot move the project into " + target + ": " + e.getMessage());
        } finally {
            deleteQuietly(scratch);
        }
        Path shown = relative(target);
        out.printf("Created %s: function %s, class %s.%s, with its test on a real member.%n%n", shown, name,
                javaPackage, className);
        out.println("Next:");
        out.printf("  (cd %s && ./mvnw -B verify)%n", shown);
        out.println("      build it, and run its test on a real member");
        out.println("  ./gridlet demo --env-file gridlet.env");
        out.println("      a local cluster to deploy to, in another terminal");
        out.printf("  ./gridlet dev %s --env-file gridlet.env%n", shown);
        out.println("      build, deploy as a new version, make live and show its logs on every change");
        out.printf("  ./gridlet invoke %s --map visits --key Ada '{\"name\": \"Ada\"}'%n", name);
        out.flush();
    }

    /** Installs this checkout's artifacts a generated project needs, unless they are there at this version. */
    private static void installIfMissing(Checkout checkout, String version, PrintWriter out) {
        if (Checkout.installed(ARCHETYPE, version, "jar") && Checkout.installed("test-kit", version, "jar")
                && Checkout.installed("compute-api", version, "jar") && Checkout.installed("grid-node", version, "jar")
                && Checkout.installed("gridlet-parent", version, "pom")) {
            return;
        }
        out.println("[build] installing Gridlet " + version + "'s compute-api, test kit and archetype into "
                + Checkout.localRepository() + " (once) ...");
        out.flush();
        Checkout.Run install = Checkout.maven(checkout.root().resolve("mvnw"), checkout.root(),
                List.of("-B", "-q", "install", "-DskipTests", "-pl", "archetype,test-kit", "-am"), 20);
        if (install.exitCode() != 0) {
            throw new Remote.Failure(1, "installing from " + checkout.root() + " failed:\n"
                    + Checkout.errors(install.output()));
        }
    }

    /** com.example and the name's parts, each a valid package name: orders.total-v2 is com.example.orders.total_v2. */
    static String defaultPackage(String name) {
        List<String> parts = new ArrayList<>(List.of("com", "example"));
        for (String part : name.toLowerCase(Locale.ROOT).split("\\.")) {
            String clean = part.replaceAll("[^a-z0-9_]", "_");
            if (clean.isEmpty()) {
                continue;
            }
            if (Character.isDigit(clean.charAt(0)) || KEYWORDS.contains(clean)) {
                clean = "_" + clean;
            }
            parts.add(clean);
        }
        return String.join(".", parts);
    }

    private static String checkPackage(String javaPackage) {
        if (!PACKAGE.matcher(javaPackage).matches()) {
            throw new Remote.Failure(2, "not a Java package name: " + javaPackage);
        }
        for (String part : javaPackage.split("\\.")) {
            if (KEYWORDS.contains(part)) {
                throw new Remote.Failure(2, "not a Java package name: " + javaPackage + " (" + part + " is a keyword)");
            }
        }
        return javaPackage;
    }

    /**
     * The name's words, capitalized: orders.total-v2 is OrdersTotalV2; one starting with a digit, or
     * one the generated source uses already, gets Fn.
     */
    static String className(String name) {
        StringBuilder out = new StringBuilder();
        for (String word : name.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        if (out.length() == 0 || Character.isDigit(out.charAt(0))) {
            out.insert(0, "Fn");
        }
        return TAKEN.contains(out.toString()) ? out + "Fn" : out.toString();
    }

    private static boolean emptyDirectory(Path path) {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(path)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static Path relative(Path target) {
        Path here = Path.of("").toAbsolutePath();
        return target.startsWith(here) && !target.equals(here) ? here.relativize(target) : target;
    }

    private static void deleteQuietly(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a scratch directory left behind is harmless
        }
    }
}
