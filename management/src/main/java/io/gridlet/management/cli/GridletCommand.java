package io.gridlet.management.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root of {@code ./gridlet}. Exit codes: 0 success, 1 remote error, 2 usage error, 3 not found. */
@Command(name = "gridlet", mixinStandardHelpOptions = true, version = "gridlet 0.1.0",
        description = "An in-memory data grid that runs functions next to their data.",
        footer = {"", "  node [--flag=value ...]  run one standalone node (docs/contract.md, section 2)",
                "  bench [--quick]          the benchmark harness (docs/benchmarks.md)",
                "", "Start with ./gridlet demo (a local cluster and a tour), or ./gridlet new NAME",
                "(a function project of your own)."},
        subcommands = {DemoCommand.class, ClusterCommand.class, MapsCommand.class, FunctionsCommand.class,
                DeployCommand.class, InvokeCommand.class, TriggersCommand.class, LogsCommand.class, NewCommand.class,
                DevCommand.class, CommandLine.HelpCommand.class})
public final class GridletCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static int run(String[] args) {
        return new CommandLine(new GridletCommand()).setExitCodeExceptionMapper(
                error -> error instanceof CommandLine.ParameterException ? 2 : 1).execute(args);
    }
}
