package io.gridlet.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the harness for a moment per scenario, so that it cannot rot; the real runs are not tests. */
class HarnessSmokeTest {

    @Test
    @SuppressWarnings("unchecked")
    void theHarnessMeasuresEveryScenarioAndWritesItsResults(@TempDir Path out) throws Exception {
        // The standalone node for the REST scenario: the reactor packages it before this module's tests.
        Path nodeJar = Path.of("../management/target/gridlet.jar");
        Harness harness = new Harness(true, 3, out, System.out).nodeJar(nodeJar);
        Map<String, Object> results = harness.run(0.1, 1);
        assertThat(Files.readString(out.resolve("latest/results.json"))).contains("\"ratios\"", "gridlet_vs_entryProcessor_p50");
        assertThat(Files.readString(out.resolve("latest/report.md"))).contains("| rmw_100B_gridlet |");
        assertThat(Files.size(out.resolve("latest/latency.png"))).isPositive();
        assertThat(Files.size(out.resolve("latest/throughput.png"))).isPositive();
        Map<String, Object> ratios = (Map<String, Object>) results.get("ratios");
        assertThat(ratios).containsKeys("gridlet_vs_submitToKeyOwner_p50", "gridlet_trivial_vs_get_p50",
                "hotkey_gridlet_vs_fcpCas_throughput", "hotkey_fcpNaive_lost_fraction",
                "aggregate1MB_fcp_vs_gridlet_p50", "aggregate1MB_fcp_vs_gridlet_bytes",
                "fetchComputePut_vs_gridlet_p50_100B", "fetchComputePut_vs_gridlet_p50_10KB",
                "fetchComputePut_vs_gridlet_p50_1MB", "fanout_vs_aggregate_time");
        assertThat(ratios.get("fanout_vs_aggregate_time")).as("both fan-out scenarios ran").isNotNull();
        assertThat(ratios.get("aggregate1MB_fcp_vs_gridlet_bytes")).as("bytes from the network counters").isNotNull();
        assertThat(((Number) ratios.get("aggregate1MB_fcp_vs_gridlet_bytes")).doubleValue()).isGreaterThan(100);
        assertThat(ratios).containsKeys("openloop_gridlet_vs_submitToKeyOwner_p99", "openloop_gridlet_trivial_vs_get_p99");
        assertThat((List<?>) results.get("projection")).isNotEmpty();
        assertThat(((Number) ratios.get("trigger_vs_bare_jet_throughput")).doubleValue()).isPositive();
        assertThat(Files.readString(out.resolve("latest/report.md"))).contains("Projection, not measurement")
                .contains("Open loop");
        if (Files.isRegularFile(nodeJar)) {
            assertThat(ratios.get("rest_vs_client_p50")).as("the REST scenario ran").isNotNull();
        }
        assertThat(((Map<String, Object>) results.get("details")).get("fanout_sums_agree")).isEqualTo(true);
        Map<String, Object> details = (Map<String, Object>) results.get("details");
        // Gridlet and the replace loop lose no update; only the naive get-then-put may.
        for (String variant : List.of("gridlet", "gridletPartitionThread", "fcpCas", "offloadableEntryProcessor")) {
            assertThat(((Number) details.get("hotkey_" + variant + "_acknowledged")).longValue()).as(variant).isPositive();
            assertThat(((Number) details.get("hotkey_" + variant + "_counted")).longValue()).as(variant)
                    .isEqualTo(((Number) details.get("hotkey_" + variant + "_acknowledged")).longValue());
        }
    }
}
