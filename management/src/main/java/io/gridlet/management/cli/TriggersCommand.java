package io.gridlet.management.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code gridlet triggers}: the triggers and how they are doing. */
@Command(name = "triggers", description = "List triggers with processed, retried, dead-lettered and lag.")
final class TriggersCommand extends RemoteCommand {

    @Override
    void run(PrintWriter out) {
        JsonNode triggers = remote.get("/api/v1/triggers");
        remote.print(out, triggers, () -> {
            Table table = new Table("TRIGGER", "TYPE", "FUNCTION", "SOURCE", "PROCESSED", "RETRIED", "DEAD", "LAG MS", "JOB");
            for (JsonNode trigger : triggers) {
                String source = trigger.hasNonNull("map") ? "map " + trigger.get("map").asText()
                        : trigger.hasNonNull("topic") ? "topic " + trigger.get("topic").asText()
                        : "every " + trigger.path("intervalMillis").asLong() + " ms";
                table.row(trigger.get("name").asText(), trigger.get("type").asText(), trigger.get("function").asText(),
                        source, trigger.get("processed").asLong(), trigger.get("retried").asLong(),
                        trigger.get("deadLettered").asLong(), trigger.get("lagMillis").asLong(),
                        trigger.path("jobStatus").asText("-"));
            }
            table.print(out);
        });
    }
}
