package io.gridlet.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Builders check each argument when it is set and say what was wrong. */
class BuildersTest {

    @Test
    void functionSpecRejectsBadValuesNamingThem() {
        assertThatThrownBy(() -> FunctionSpec.named("f").maxConcurrency(0))
                .hasMessage("maxConcurrency must be positive: 0");
        assertThatThrownBy(() -> FunctionSpec.named("f").timeout(Duration.ZERO))
                .hasMessage("timeout must be positive: PT0S");
        assertThatThrownBy(() -> FunctionSpec.named(" ")).hasMessage("function name must not be blank");
        assertThatThrownBy(() -> FunctionSpec.named("../etc/passwd"))
                .hasMessageContaining("may hold only letters, digits");
        assertThatThrownBy(() -> FunctionSpec.named("f").version("1 0")).hasMessageContaining("version may hold only");
        FunctionSpec spec = FunctionSpec.named("orders.total").version("2.1.0").maxConcurrency(3)
                .timeout(Duration.ofSeconds(2)).description("sums").build();
        assertThat(spec).isEqualTo(new FunctionSpec("orders.total", "2.1.0", Duration.ofSeconds(2), 3, "sums", false));
        assertThat(spec.withVersion("3").version()).isEqualTo("3");
    }

    @Test
    void invocationAcceptsOnlyKeysEveryMemberCanRead() {
        assertThatThrownBy(() -> Invocation.of("f").key(new StringBuilder("k")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key must be a String, Long, Integer or UUID, not java.lang.StringBuilder");
        assertThatThrownBy(() -> Invocation.of("f").onKey(" ", "k")).hasMessage("map name must not be blank");
        assertThatThrownBy(() -> Invocation.of("f").idempotencyKey(""))
                .hasMessageContaining("idempotencyKey must be 1 to 256 characters");
        assertThatThrownBy(() -> new Invocation("f", null, "m", null, null, null, null))
                .hasMessage("a call routed by map needs a key");
        UUID id = UUID.randomUUID();
        Invocation call = Invocation.of("f").onKey("m", id).version("2").timeout(Duration.ofMillis(5))
                .input(1).idempotencyKey("once").build();
        assertThat(call).isEqualTo(new Invocation("f", 1, "m", id, "2", Duration.ofMillis(5), "once"));
        assertThat(Invocation.of("f").onKey("m", 1L).key(2).build().map()).isNull();
    }

    @Test
    void nodeBuilderRejectsBadSettingsNamingThem() {
        assertThatThrownBy(() -> GridNode.builder().port(0)).hasMessage("port must be 1 to 65535: 0");
        assertThatThrownBy(() -> GridNode.builder().backupCount(7)).hasMessage("backupCount must be 0 to 6: 7");
        assertThatThrownBy(() -> GridNode.builder().clusterName("")).hasMessage("clusterName must not be blank");
        assertThatThrownBy(() -> GridNode.builder().members("127.0.0.1:x"))
                .hasMessageContaining("member address must be host, host:port or host:first-last: 127.0.0.1:x");
        assertThatThrownBy(() -> GridNode.builder().invocationThreads(-1))
                .hasMessage("invocationThreads must be positive: -1");
        assertThatThrownBy(() -> GridNode.builder().discovery(Discovery.KUBERNETES).start())
                .hasMessage("discovery kubernetes needs a service DNS name");
    }

    @Test
    void aTakenPortFailsTheStartInsteadOfMovingOn() {
        int port = TestCluster.freePorts(1).get(0);
        String cluster = "taken-" + UUID.randomUUID();
        try (GridNode first = GridNode.builder().clusterName(cluster).port(port).members("127.0.0.1:" + port)
                .shutdownHook(false).start()) {
            assertThat(first.localMember().getAddress().getPort()).isEqualTo(port);
            assertThat(first.localMember().getAddress().getHost()).isEqualTo("127.0.0.1");
            assertThatThrownBy(() -> GridNode.builder().clusterName(cluster).port(port)
                    .members("127.0.0.1:" + port).shutdownHook(false).start())
                    .isInstanceOf(RuntimeException.class);
        }
    }
}
