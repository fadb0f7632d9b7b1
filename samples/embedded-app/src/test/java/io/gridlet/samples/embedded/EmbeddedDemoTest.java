package io.gridlet.samples.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The demo runs in the build, so that it cannot rot. */
class EmbeddedDemoTest {

    @Test
    void theDemoRunsFunctionsNextToTheirDataAndLosesNoReservation() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long reserved = EmbeddedDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(reserved).isEqualTo(800);
        assertThat(out).contains("with 3 members")
                .contains("greet (a lambda) -> hello grid from [127.0.0.1]:")
                .contains("deployed [orders.total, stock.reserve, sales.report, orders.enrich] at version 1.0.0")
                .contains("sales.report over every member's own orders: 20.00")
                .contains("order-3 total 4.00")
                .contains("apples left: 200")
                .contains("reserving 10000 fails as it should: cannot reserve 10000 of 200 for apple");
    }
}
