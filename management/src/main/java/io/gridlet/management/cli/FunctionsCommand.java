package io.gridlet.management.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gridlet functions [NAME]}: the deployed functions, or one with its versions and counters. */
@Command(name = "functions", description = "List deployed functions, or show one.")
final class FunctionsCommand extends RemoteCommand {

    @Parameters(index = "0", arity = "0..1", description = "a function to show")
    String name;

    @Override
    void run(PrintWriter out) {
        if (name == null) {
            JsonNode functions = remote.get("/api/v1/functions");
            remote.print(out, functions, () -> {
                Table table = new Table("FUNCTION", "LIVE", "CANARY", "VERSIONS");
                for (JsonNode function : functions) {
                    table.row(function.get("name").asText(), function.get("live").asText(),
                            function.hasNonNull("canary") ? function.get("canary").asText() + " ("
                                    + function.get("canaryPercent").asInt() + "%)" : "-",
                            function.get("versions").size());
                }
                table.print(out);
            });
            return;
        }
        JsonNode function = remote.get("/api/v1/functions/" + name);
        remote.print(out, function, () -> {
            out.printf("%s: live %s%s%n", function.get("name").asText(), function.get("live").asText(),
                    function.hasNonNull("canary") ? ", canary " + function.get("canary").asText() + " at "
                            + function.get("canaryPercent").asInt() + "%" : "");
            Table versions = new Table("VERSION", "SHA-256", "TIMEOUT", "MAX CONCURRENCY", "DEPLOYED BY");
            for (JsonNode version : function.get("versions")) {
                versions.row(version.get("version").asText(), version.get("sha256").asText().substring(0, 12),
                        version.get("timeoutMillis").asLong() + " ms", version.get("maxConcurrency").asInt(),
                        version.get("deployedBy").asText());
            }
            versions.print(out);
            if (function.hasNonNull("counters") && function.get("counters").size() > 0) {
                Table counters = new Table("VERSION|OUTCOME", "INVOCATIONS");
                function.get("counters").fields().forEachRemaining(counter ->
                        counters.row(counter.getKey(), (long) counter.getValue().asDouble()));
                counters.print(out);
            }
        });
    }
}
