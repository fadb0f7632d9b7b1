package io.gridlet.benchmarks.peers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The peers' adapters for a moment per scenario, in the peers profile's own build, so that they cannot rot. */
class PeersSmokeTest {

    @Test
    void eachPeerRunsEveryScenarioBesideGridletAndTheRatiosCompareThem(@TempDir Path out) throws Exception {
        PeersHarness harness = new PeersHarness(List.of("gridlet", "hazelcast", "coherence", "ignite3"), 2, 0.3, 2_000, out,
                System.out);
        harness.run();

        JsonNode peers = new ObjectMapper().readTree(out.resolve("latest/results.json").toFile()).path("peers");
        for (String peer : List.of("coherence", "ignite3")) {
            JsonNode system = peers.path("systems").path(peer);
            for (String scenario : List.of("rmw_100B", "rmw_10KB", "trivial", "hotkeys", "aggregate")) {
                assertThat(system.path("scenarios").path(scenario).path("rounds").size()).as(peer + " " + scenario)
                        .isEqualTo(2);
            }
            // Entry processors and a compare-and-set job are atomic: no increment is lost.
            assertThat(system.path("scenarios").path("hotkeys").path("median").path("lost").asLong()).as(peer)
                    .isZero();
            assertThat(peers.path("ratios").path("gridlet_vs_" + peer + "_hotkey_throughput").asDouble()).as(peer)
                    .isPositive();
        }
        assertThat(peers.path("systems").path("coherence").path("settings").path("version").asText())
                .startsWith("Coherence CE 24.09");
        assertThat(peers.path("ratios").path("gridlet_vs_coherence_ep_p50").asDouble()).isPositive();
        assertThat(peers.path("ratios").path("gridlet_vs_ignite3_colocated_p50").asDouble()).isPositive();
    }
}
