package io.gridlet.management.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gridlet deploy FILE.jar [--version V]}: deploy a function jar to the grid. */
@Command(name = "deploy", description = "Deploy a function jar; its functions run on every member at once.")
final class DeployCommand extends RemoteCommand {

    @Parameters(index = "0", description = "the jar")
    Path jar;

    @Option(names = "--version", description = "the version (default: the jar's Implementation-Version, else its sha-256 prefix)")
    String version;

    @Override
    void run(PrintWriter out) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(jar);
        } catch (IOException e) {
            throw new Remote.Failure(2, "cannot read " + jar + ": " + e.getMessage());
        }
        String query = version == null ? "" : "?version=" + URLEncoder.encode(version, StandardCharsets.UTF_8);
        JsonNode deployed = Remote.parse(remote.send("POST", "/api/v1/functions" + query, "application/java-archive",
                bytes).body());
        remote.print(out, deployed, () -> out.printf("%s %s at version %s (sha-256 %s)%n",
                deployed.get("unchanged").asBoolean() ? "already deployed:" : "deployed",
                deployed.get("functions"), deployed.get("version").asText(),
                deployed.get("sha256").asText().substring(0, 12)));
    }
}
