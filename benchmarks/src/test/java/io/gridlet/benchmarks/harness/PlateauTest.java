package io.gridlet.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlateauTest {

    @Test
    void aThroughputPlateausAfterTwoSlicesInARowNoMoreThanFivePercentAboveTheBest() {
        Plateau plateau = Plateau.ofThroughput();
        assertThat(plateau.reached(1_000)).isFalse();
        assertThat(plateau.reached(1_040)).isFalse();
        // Rising by a third after a flat slice starts the count again.
        assertThat(plateau.reached(1_400)).isFalse();
        assertThat(plateau.reached(1_420)).isFalse();
        assertThat(plateau.reached(1_300)).isTrue();
    }

    @Test
    void aLatencyPlateausAfterTwoSlicesInARowNoMoreThanFivePercentBelowTheBest() {
        Plateau plateau = Plateau.ofLatency(600);
        assertThat(plateau.reached(400)).isFalse();
        assertThat(plateau.reached(390)).isFalse();
        assertThat(plateau.reached(300)).isFalse();
        assertThat(plateau.reached(310)).isFalse();
        assertThat(plateau.reached(290)).isTrue();
    }

    @Test
    void aLatencyStartsFromAPositiveFirstSlice() {
        assertThatThrownBy(() -> Plateau.ofLatency(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }
}
