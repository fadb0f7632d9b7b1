package io.gridlet.node.internal.invoke.member;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.spi.exception.RetryableHazelcastException;
import io.gridlet.node.Payload;
import io.gridlet.node.internal.cluster.SplitBrainGuard;
import io.gridlet.node.internal.codec.PayloadCodec;
import io.gridlet.node.internal.invoke.CallTracing;
import io.gridlet.node.internal.invoke.DeadlineSweeper;
import io.gridlet.node.internal.invoke.PauseFence;
import io.gridlet.node.internal.invoke.wire.InvocationRequest;
import io.gridlet.node.internal.logs.LogRing;
import io.gridlet.node.internal.registry.LocalFunctionRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A member takes calls as soon as it joins, before its node has finished starting it: such a call
 * is refused as retryable, which its caller sends again, and never fails as the function's error.
 * Seen in {@code FanOutTest}, where a share sent to a member joining mid-way failed with a
 * {@code NullPointerException} reported as the function's.
 */
class FunctionRuntimeStartTest {

    @Test
    void aCallThatArrivesBeforeTheMemberHasStartedIsRefusedAsRetryable() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (DeadlineSweeper deadlines = new DeadlineSweeper();
             PauseFence fence = new PauseFence(Duration.ofSeconds(60))) {
            FunctionRuntime runtime = new FunctionRuntime(new LocalFunctionRegistry(new PayloadCodec(), meters),
                    deadlines, Duration.ofMinutes(1), Duration.ofMinutes(1), meters,
                    fence, SplitBrainGuard.off(), new LogRing(16, List.of(), meters),
                    CallTracing.of(null));
            InvocationRequest request = new InvocationRequest("sum", null, UUID.randomUUID(), null, "k",
                    Duration.ofSeconds(5).toNanos(), false, new Payload((byte) 0, new byte[0]), null);

            assertThatThrownBy(() -> runtime.handle(request, null, null))
                    .isInstanceOf(RetryableHazelcastException.class)
                    .hasMessageContaining("still starting")
                    .hasMessageContaining("sum");
        }
    }
}
