package io.gridlet.benchmarks.harness;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.listener.EntryAddedListener;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Measures, on each member, when a result lands: a local entry listener on the result map sees
 * each new result on the member that owns its key, as it is written, and records its lag from the
 * value, which is the time its write was due ({@link System#nanoTime()}, one clock for every JVM
 * on the machine). The driver starts a probe on every member, counts, and collects the histograms:
 * no result crosses the network to be timed, so timing it adds no load of its own.
 */
final class LagProbe {

    private static final Map<String, Probe> PROBES = new ConcurrentHashMap<>();

    private LagProbe() {
    }

    private static final class Probe {
        final Recorder recorder = new Recorder(3);
        final LongAdder seen = new LongAdder();
        UUID listener;
        String map;
    }

    /** Starts a probe on this member, for results in {@code map} whose key starts with {@code prefix}. */
    static final class Start implements Callable<String>, Serializable, HazelcastInstanceAware {
        private static final long serialVersionUID = 1L;
        private final String name;
        private final String map;
        private final String prefix;
        private transient HazelcastInstance hazelcast;

        Start(String name, String map, String prefix) {
            this.name = name;
            this.map = map;
            this.prefix = prefix;
        }

        @Override
        public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
            this.hazelcast = hazelcastInstance;
        }

        @Override
        public String call() {
            Probe probe = new Probe();
            probe.map = map;
            String watched = prefix;
            probe.listener = hazelcast.<String, Object>getMap(map).addLocalEntryListener(
                    (EntryAddedListener<String, Object>) event -> {
                        if (event.getKey().startsWith(watched) && event.getValue() instanceof Number due) {
                            probe.recorder.recordValue(Math.max(0, System.nanoTime() - due.longValue()) / 1_000);
                            probe.seen.increment();
                        }
                    });
            PROBES.put(name, probe);
            return name;
        }
    }

    /** How many results a probe on this member has seen. */
    static final class Count implements Callable<Long>, Serializable {
        private static final long serialVersionUID = 1L;
        private final String name;

        Count(String name) {
            this.name = name;
        }

        @Override
        public Long call() {
            Probe probe = PROBES.get(name);
            return probe == null ? 0L : probe.seen.sum();
        }
    }

    /** Stops a probe on this member: its lags in microseconds, as a compressed histogram. */
    static final class Stop implements Callable<byte[]>, Serializable, HazelcastInstanceAware {
        private static final long serialVersionUID = 1L;
        private final String name;
        private transient HazelcastInstance hazelcast;

        Stop(String name) {
            this.name = name;
        }

        @Override
        public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
            this.hazelcast = hazelcastInstance;
        }

        @Override
        public byte[] call() {
            Probe probe = PROBES.remove(name);
            if (probe == null) {
                return new byte[0];
            }
            hazelcast.getMap(probe.map).removeEntryListener(probe.listener);
            Histogram histogram = probe.recorder.getIntervalHistogram();
            ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
            int length = histogram.encodeIntoCompressedByteBuffer(buffer);
            byte[] bytes = new byte[length];
            buffer.flip();
            buffer.get(bytes);
            return bytes;
        }
    }

    /** A histogram {@link Stop} returned. */
    static Histogram decode(byte[] bytes) {
        if (bytes.length == 0) {
            return new Histogram(3);
        }
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
        } catch (java.util.zip.DataFormatException e) {
            throw new IllegalStateException("a member's lag histogram could not be read", e);
        }
    }
}
