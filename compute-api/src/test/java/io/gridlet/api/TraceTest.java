package io.gridlet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TraceTest {

    @Test
    void anOffTraceKeepsNothingButNamesTheCallersTrace() {
        Trace off = Trace.off("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(off.isRecording()).isFalse();
        assertThat(off.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(off.attribute("order.total", 42L).attribute("order.vip", true).event("priced")).isSameAs(off);
        assertThat(Trace.off(null).traceId()).isNull();
    }

    @Test
    void keysAndNamesAreCheckedEvenWhenNothingIsKept() {
        Trace off = Trace.off(null);
        assertThatThrownBy(() -> off.attribute("gridlet.member", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gridlet.member");
        assertThatThrownBy(() -> off.attribute(" ", 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> off.attribute(null, 1L)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> off.attribute("order.id", (String) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> off.event("")).isInstanceOf(IllegalArgumentException.class);
    }
}
