package io.gridlet.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompilerSettleTest {

    @Test
    void theCompilersSettleOnceAPassCompilesATenthOfTheFirst() {
        // The passes of a quick run: 16 s of compiling in the first, a steady 1.4 to 1.7 s at the end.
        assertThat(Harness.settled(List.of(15_846L))).isFalse();
        assertThat(Harness.settled(List.of(15_846L, 7_122L, 3_260L, 1_635L))).isFalse();
        assertThat(Harness.settled(List.of(15_846L, 7_122L, 3_260L, 1_635L, 1_393L))).isTrue();
    }

    @Test
    void aFirstPassThatCompiledNothingIsSettledByTheSecond() {
        // A run started on warm members: nothing to wait for, but one pass is not enough to know.
        assertThat(Harness.settled(List.of(0L))).isFalse();
        assertThat(Harness.settled(List.of(0L, 0L))).isTrue();
        assertThat(Harness.settled(List.of(0L, 5L))).isFalse();
    }
}
