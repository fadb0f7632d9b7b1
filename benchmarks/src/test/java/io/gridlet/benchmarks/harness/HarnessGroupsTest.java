package io.gridlet.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The groups whose scenarios take turns: a ratio's two sides must be in one. */
class HarnessGroupsTest {

    @Test
    void aScenarioTakesTurnsWithItsBaselines() {
        assertThat(Harness.group("rmw_100B_gridlet")).isEqualTo(Harness.group("rmw_100B_offloadableEntryProcessor"))
                .isEqualTo("rmw_100B");
        assertThat(Harness.group("trivial_gridlet")).isEqualTo(Harness.group("trivial_get"));
        assertThat(Harness.group("rmw_10KB_gridlet")).isNotEqualTo(Harness.group("rmw_100B_gridlet"));
    }

    @Test
    void theRestScenariosTakeTurnsTogether() {
        // rest_invoke_vs_rest_get_p50 compares two scenarios whose names share only their first part.
        assertThat(Harness.group("rest_invoke_http")).isEqualTo(Harness.group("rest_get_entry_http"))
                .isEqualTo(Harness.group("rest_trivial_http")).isEqualTo(Harness.group("rest_trivial_client"));
    }
}
