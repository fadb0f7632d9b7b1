package io.gridlet.management.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code gridlet cluster}: the members, and what each holds. */
@Command(name = "cluster", description = "Show the cluster's members and their partitions.")
final class ClusterCommand extends RemoteCommand {

    @Override
    void run(PrintWriter out) {
        JsonNode cluster = remote.get("/api/v1/cluster");
        JsonNode partitions = remote.get("/api/v1/cluster/partitions");
        remote.print(out, cluster, () -> {
            out.printf("cluster %s: %s, %d members, %d partitions, %s%n", cluster.get("name").asText(),
                    cluster.get("state").asText(), cluster.get("members").size(), cluster.get("partitionCount").asInt(),
                    cluster.get("safe").asBoolean() ? "safe" : "migrating");
            Table table = new Table("MEMBER", "ADDRESS", "PARTITIONS", "ENTRIES", "");
            for (JsonNode member : partitions) {
                boolean local = false;
                for (JsonNode known : cluster.get("members")) {
                    local |= known.get("uuid").asText().equals(member.get("uuid").asText()) && known.get("local").asBoolean();
                }
                table.row(member.get("uuid").asText(), member.get("address").asText(), member.get("partitions").asInt(),
                        member.get("entries").asLong(), local ? "(this node)" : "");
            }
            table.print(out);
        });
    }
}
