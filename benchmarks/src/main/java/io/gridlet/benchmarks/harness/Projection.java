package io.gridlet.benchmarks.harness;

import java.util.ArrayList;
import java.util.List;

/**
 * A projection on paper, not a measurement: what each scenario's p50 would be if the caller sat
 * across a real network instead of loopback. Loopback makes moving bytes almost free, which hides
 * what computing next to the data saves. From the measured p50, the bytes each call moved between
 * the caller and the grid (Hazelcast's network counters) and its round trips:
 *
 * <pre>projected = measured p50 - round trips x loopback round trip + round trips x link round trip + bytes / link bandwidth</pre>
 *
 * Member-to-member traffic (backups, fan-out replies between members) is not in the bytes, so
 * writes of large values are projected too low, for every way of writing them.
 */
final class Projection {

    /** A link: its round-trip time in microseconds and its bandwidth in bytes per microsecond. */
    record Link(String name, double roundTripMicros, double bytesPerMicro) {
    }

    /** 1 GbE and 10 GbE inside one data centre: typical round trips under light load. */
    static final List<Link> LINKS = List.of(new Link("1GbE", 100, 125), new Link("10GbE", 30, 1_250));

    record Row(String scenario, double measuredP50Micros, double wireBytesPerOp, int roundTrips,
               double projected1GbEMicros, double projected10GbEMicros) {
    }

    private Projection() {
    }

    static List<Row> of(List<Harness.Scenario> scenarios, Harness.Scenario echo) {
        double loopback = echo == null ? 0 : echo.p50Micros();
        List<Row> rows = new ArrayList<>();
        for (Harness.Scenario scenario : scenarios) {
            if (scenario.wireBytesPerOp() == null || scenario.roundTrips() == null) {
                continue;
            }
            double[] projected = new double[LINKS.size()];
            for (int i = 0; i < LINKS.size(); i++) {
                Link link = LINKS.get(i);
                projected[i] = Math.max(0, scenario.p50Micros() - scenario.roundTrips() * loopback)
                        + scenario.roundTrips() * link.roundTripMicros() + scenario.wireBytesPerOp() / link.bytesPerMicro();
            }
            rows.add(new Row(scenario.name(), scenario.p50Micros(), scenario.wireBytesPerOp(), scenario.roundTrips(),
                    projected[0], projected[1]));
        }
        return rows;
    }
}
