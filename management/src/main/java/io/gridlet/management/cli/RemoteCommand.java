package io.gridlet.management.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that calls a node's REST API; a failure prints its reason and returns its exit code. */
abstract class RemoteCommand implements Callable<Integer> {

    @Mixin
    Remote remote;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        try {
            run(spec.commandLine().getOut());
            return 0;
        } catch (Remote.Failure failure) {
            spec.commandLine().getErr().println("gridlet: " + failure.getMessage());
            return failure.exitCode;
        }
    }

    abstract void run(PrintWriter out);
}
