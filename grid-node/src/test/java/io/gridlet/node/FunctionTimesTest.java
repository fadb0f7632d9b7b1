package io.gridlet.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Members' run-time histograms add up, and their quantile is computed as histogram_quantile does. */
class FunctionTimesTest {

    private static MemberStats.FunctionTimes times(String version, long inFlight, long... counts) {
        double[] bounds = {0.001, 0.01, 0.1, 1.0};
        List<MemberStats.Bucket> buckets = new java.util.ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            buckets.add(new MemberStats.Bucket(bounds[i], counts[i]));
        }
        return new MemberStats.FunctionTimes("f", version, counts[counts.length - 1], inFlight, buckets);
    }

    @Test
    void twoMembersHistogramsSumBucketByBucket() {
        MemberStats.FunctionTimes sum = MemberStats.FunctionTimes.sum(List.of(times("1", 1, 10, 50, 60, 60),
                times("1", 2, 0, 30, 39, 40)));
        assertThat(sum.calls()).isEqualTo(100);
        assertThat(sum.inFlight()).isEqualTo(3);
        assertThat(sum.buckets()).extracting(MemberStats.Bucket::count).containsExactly(10L, 80L, 99L, 100L);
    }

    @Test
    void theQuantileInterpolatesWithinItsBucket() {
        MemberStats.FunctionTimes times = times("1", 0, 10, 80, 99, 100);
        // rank 50 lies in (0.001, 0.01], 40 of its 70: 0.001 + 0.009 * 40/70
        assertThat(times.quantile(0.5)).isCloseTo(0.001 + 0.009 * 40 / 70.0, org.assertj.core.data.Offset.offset(1e-12));
        // rank 99 is the (0.01, 0.1] bucket's top
        assertThat(times.quantile(0.99)).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(times("1", 0, 0, 0, 0, 0).quantile(0.5)).isNaN();
        assertThatThrownBy(() -> times.quantile(1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void differentVersionsDoNotSum() {
        assertThatThrownBy(() -> MemberStats.FunctionTimes.sum(List.of(times("1", 0, 1, 1, 1, 1),
                times("2", 0, 1, 1, 1, 1)))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2");
        assertThatThrownBy(() -> MemberStats.FunctionTimes.sum(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
