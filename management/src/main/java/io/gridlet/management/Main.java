package io.gridlet.management;

import io.gridlet.management.cli.GridletCommand;
import io.micronaut.context.ApplicationContext;
import java.util.Arrays;
import sun.misc.Signal;

/**
 * {@code gridlet.jar}: {@code node} starts a standalone node; anything else is the command line
 * ({@code ./gridlet deploy ...}), and no command at all prints the commands, as {@code --help}
 * does, and starts nothing. A node stops on SIGTERM or SIGINT by leaving the cluster gracefully
 * (its partitions migrate first) and exits 0; a bad setting stops its start with a message naming
 * the setting and exit code 1.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("node")) {
            System.exit(runNode(Arrays.copyOfRange(args, 1, args.length)));
        }
        System.exit(GridletCommand.run(args));
    }

    static int runNode(String[] args) {
        String config = System.getenv("GRIDLET_CONFIG");
        java.util.List<String> rest = new java.util.ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--config=")) {
                config = arg.substring("--config=".length());
            } else {
                rest.add(arg);
            }
        }
        if (config != null && !config.isBlank()) {
            if (!java.nio.file.Files.isReadable(java.nio.file.Path.of(config))) {
                System.err.println("gridlet: the config file " + config + " cannot be read");
                return 1;
            }
            System.setProperty("micronaut.config.files", config);
        }
        ApplicationContext context;
        try {
            context = Application.start(rest.toArray(new String[0]));
        } catch (RuntimeException e) {
            System.err.println("gridlet: the node did not start: " + reason(e));
            return 1;
        }
        Runnable stop = () -> {
            if (context.isRunning()) {
                context.close();
            }
            System.exit(0);
        };
        Signal.handle(new Signal("TERM"), signal -> stop.run());
        Signal.handle(new Signal("INT"), signal -> stop.run());
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static final java.util.regex.Pattern VIOLATION = java.util.regex.Pattern.compile(
            "GridletSettings(?:\\$(\\w+))?\\.(\\w+) - ([^\\n\\]]+)");

    /**
     * What went wrong, in the words of the settings: a failed check of a {@code gridlet.*}
     * setting is named as the property a user writes ({@code gridlet.member.port: must be ...});
     * anything else is the deepest message, without the stack.
     */
    static String reason(Throwable error) {
        for (Throwable current = error; current != null; current = current.getCause()) {
            java.util.regex.Matcher violation = VIOLATION.matcher(String.valueOf(current.getMessage()));
            if (violation.find()) {
                String section = violation.group(1) == null ? "" : kebab(violation.group(1)) + ".";
                return "bad setting gridlet." + section + kebab(violation.group(2)) + ": " + violation.group(3).trim();
            }
            if (current.getCause() == current) {
                break;
            }
        }
        String message = error.getMessage();
        Throwable current = error;
        while (current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
            if (current.getMessage() != null) {
                message = current.getMessage();
            }
        }
        return message == null ? error.getClass().getSimpleName() : message;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
