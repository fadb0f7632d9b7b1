package io.gridlet.management;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The container image Jib built in this build (on scratch, since this machine reaches no registry):
 * its config and layers. Running it is not verified here; it needs a container runtime.
 */
class ImageIT {

    static final Path IMAGE = Path.of("target/gridlet-image-scratch.tar");
    static final ObjectMapper JSON = new ObjectMapper();

    /** The files of a tar archive, by name. */
    static Map<String, byte[]> untar(InputStream in) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        byte[] header = new byte[512];
        while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
            String name = new String(header, 0, 100, StandardCharsets.US_ASCII).trim().replace("\0", "");
            String prefix = new String(header, 345, 155, StandardCharsets.US_ASCII).trim().replace("\0", "");
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            long size = Long.parseLong(new String(header, 124, 12, StandardCharsets.US_ASCII).trim().replace("\0", "")
                    .isEmpty() ? "0" : new String(header, 124, 12, StandardCharsets.US_ASCII).trim().replace("\0", ""), 8);
            byte[] content = in.readNBytes((int) size);
            in.skipNBytes((512 - size % 512) % 512);
            files.put(name, content);
        }
        return files;
    }

    @Test
    void theImageRunsTheNodeAsANonRootUserWithItsPortsAndTheAppsJars() throws IOException {
        assertThat(IMAGE).exists();
        Map<String, byte[]> image;
        try (InputStream in = Files.newInputStream(IMAGE)) {
            image = untar(in);
        }
        JsonNode manifest = JSON.readTree(image.get("manifest.json")).get(0);
        JsonNode config = JSON.readTree(image.get(manifest.get("Config").asText())).get("config");

        List<String> entrypoint = new ArrayList<>();
        config.get("Entrypoint").forEach(part -> entrypoint.add(part.asText()));
        assertThat(entrypoint.get(0)).isEqualTo("java");
        assertThat(entrypoint).contains("-XX:MaxRAMPercentage=75", "io.gridlet.management.Main");
        assertThat(config.get("Cmd").get(0).asText()).isEqualTo("node");
        assertThat(config.get("User").asText()).isEqualTo("1000:1000");
        assertThat(config.get("ExposedPorts").fieldNames()).toIterable().containsExactlyInAnyOrder("5701/tcp", "8080/tcp");
        assertThat(config.get("Env").toString()).contains("GRIDLET_MEMBER_HOST=0.0.0.0");

        List<String> files = new ArrayList<>();
        for (JsonNode layer : manifest.get("Layers")) {
            byte[] compressed = image.get(layer.asText());
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                in.transferTo(raw);
                files.addAll(untar(new ByteArrayInputStream(raw.toByteArray())).keySet());
            }
        }
        assertThat(files).anyMatch(file -> file.matches(".*app/libs/hazelcast-5\\.7\\.0\\.jar"))
                .anyMatch(file -> file.matches(".*app/libs/grid-node-.*\\.jar"))
                .anyMatch(file -> file.endsWith("app/classes/io/gridlet/management/Main.class"))
                .anyMatch(file -> file.endsWith("app/resources/application.yml"));
    }
}
