package io.gridlet.benchmarks.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.util.HashMap;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * Flight recordings that show where a call waits, not only where it computes: CPU samples do not
 * see a thread parked on a hand-off. Hazelcast's and Gridlet's threads park between stages, so
 * the recording adds thread-park, monitor and thread-start events at a 50 µs threshold, with
 * stacks, to the JDK's {@code profile} settings. {@code jfr print --events jdk.ThreadPark
 * DIR/member-PORT.jfr} lists the waits; {@code jfr summary} counts them.
 */
final class WallClock {

    static final String SETTINGS = "wallclock.jfc";

    private WallClock() {
    }

    /** The {@code -XX:StartFlightRecording} option of a JVM the harness starts, writing {@code DIR/NAME.jfr}. */
    static String memberOption(Path dir, String name) throws IOException {
        Path settings = settings(dir);
        return "-XX:StartFlightRecording=settings=profile,settings=" + settings.toAbsolutePath()
                + ",dumponexit=true,filename=" + dir.resolve(name + ".jfr").toAbsolutePath();
    }

    /** Records the driver itself into {@code DIR/driver.jfr}, with the same settings. */
    static Recording startDriverRecording(Path dir) throws IOException, ParseException {
        Map<String, String> settings = new HashMap<>(Configuration.getConfiguration("profile").getSettings());
        settings.putAll(Configuration.create(settings(dir)).getSettings());
        Recording recording = new Recording(settings);
        recording.setName("gridlet-driver");
        recording.setToDisk(true);
        recording.setDestination(dir.resolve("driver.jfr"));
        recording.start();
        return recording;
    }

    private static Path settings(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path settings = dir.resolve(SETTINGS);
        try (InputStream in = WallClock.class.getResourceAsStream(SETTINGS)) {
            if (in == null) {
                throw new IOException("the harness jar has no " + SETTINGS);
            }
            Files.copy(in, settings, StandardCopyOption.REPLACE_EXISTING);
        }
        return settings;
    }
}
