package io.gridlet.management.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code gridlet maps}: the maps, their sizes and owned and backup entries. */
@Command(name = "maps", description = "List the grid's maps.")
final class MapsCommand extends RemoteCommand {

    @Override
    void run(PrintWriter out) {
        JsonNode maps = remote.get("/api/v1/maps");
        remote.print(out, maps, () -> {
            Table table = new Table("MAP", "SIZE", "OWNED", "BACKUP");
            for (JsonNode map : maps) {
                table.row(map.get("name").asText(), map.get("size").asInt(), map.get("ownedEntries").asLong(),
                        map.get("backupEntries").asLong());
            }
            table.print(out);
        });
    }
}
