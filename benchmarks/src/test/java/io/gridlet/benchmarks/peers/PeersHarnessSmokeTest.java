package io.gridlet.benchmarks.peers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peers harness for a moment per scenario, in the default build, so that it cannot rot:
 * Gridlet's adapter, and Hazelcast's alone, run every scenario; the peers' adapters are built
 * only with the peers profile, so here they are reported as not built, not left out.
 */
class PeersHarnessSmokeTest {

    @Test
    void theHarnessRunsEveryScenarioOnGridletAndReportsThePeersItCannotRun(@TempDir Path out) throws Exception {
        PeersHarness harness = new PeersHarness(List.of("gridlet", "hazelcast", "coherence", "ignite3"), 1, 0.2, 2_000, out,
                System.out);
        harness.run();

        JsonNode peers = new ObjectMapper().readTree(out.resolve("latest/results.json").toFile()).path("peers");
        JsonNode gridlet = peers.path("systems").path("gridlet");
        for (String scenario : List.of("rmw_100B", "rmw_10KB", "trivial", "hotkeys", "aggregate")) {
            assertThat(gridlet.path("scenarios").path(scenario).path("median").path("count").asLong())
                    .as(scenario).isPositive();
        }
        assertThat(gridlet.path("scenarios").path("hotkeys").path("median").path("lost").asLong())
                .as("increments acknowledged but not counted").isZero();
        assertThat(gridlet.path("settings").path("backups").asText()).contains("1 synchronous backup");
        JsonNode hazelcast = peers.path("systems").path("hazelcast");
        assertThat(hazelcast.path("scenarios").path("hotkeys").path("median").path("lost").asLong()).isZero();
        assertThat(hazelcast.path("scenarios").path("rmw_100B").path("median").path("count").asLong()).isPositive();
        assertThat(peers.path("ratios").path("gridlet_vs_hazelcast_ep_p50").asDouble()).isPositive();
        assertThat(peers.path("systems").path("coherence").path("notRun").asText()).contains("peers profile");
        assertThat(peers.path("systems").path("ignite3").path("notRun").asText()).contains("peers profile");
        assertThat(Files.readString(out.resolve("latest/report.md"))).contains("| rmw_100B | gridlet |",
                "coherence: not built");
        assertThat(Files.size(out.resolve("latest/peers.png"))).isPositive();
    }
}
