package io.gridlet.benchmarks.peers;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * One data grid in the side-by-side run: three member processes on loopback and this process as
 * their client, through the grid's own client API. Each scenario is the grid's own way to run code
 * next to data: a Gridlet function, an Ignite 3 colocated job, a Coherence entry processor.
 * Started once per round and closed after it; its members are gone when {@link #close()} returns.
 * A scenario the grid has no way to run throws {@link UnsupportedOperationException} with the
 * reason, which the report shows in its place.
 */
public interface Peer extends AutoCloseable {

    /** The name in the results: {@code gridlet}, {@code coherence}, {@code ignite3}. */
    String name();

    /**
     * Starts the members on these loopback ports and connects the client; returns once the
     * cluster holds every member and its partitions have settled, with one backup of each.
     *
     * @param workDirectory a directory of this round's own, for member logs and any files a grid keeps
     */
    void start(List<Integer> ports, java.nio.file.Path workDirectory) throws Exception;

    /** The settings it runs with, and each left at its default with the reason: for the report. */
    Map<String, String> settings();

    /**
     * A read-modify-write of one entry of {@code size} bytes by key, written first: the call
     * reads the value where it lives, increments its first 8 bytes (a counter) and writes it back.
     *
     * @return the call; it answers the counter
     */
    Callable<Long> readModifyWrite(String map, int size) throws Exception;

    /** A call routed by key that touches no data: the floor of a call. */
    Callable<Long> trivial() throws Exception;

    /** An atomic increment of a long counter under {@code key}, answering the new value. */
    Callable<Long> increment(String map, String key) throws Exception;

    /** The counters' values, summed: what the hot-key scenario counted. */
    long counted(String map, List<String> keys) throws Exception;

    /** Writes {@code entries} long values, {@code 0..entries-1}, each under its own key. */
    void load(String map, int entries) throws Exception;

    /** The sum of the map's values, computed where they live (an aggregator, a fan-out, a broadcast). */
    Callable<Long> sum(String map) throws Exception;

    /** The numbers {@link #load} writes, {@code "n" + i -> i}, handed to {@code write} in batches of 5,000. */
    static void numbers(int entries, java.util.function.Consumer<Map<String, Long>> write) {
        Map<String, Long> batch = new java.util.HashMap<>();
        for (int i = 0; i < entries; i++) {
            batch.put("n" + i, (long) i);
            if (batch.size() == 5_000 || i == entries - 1) {
                write.accept(batch);
                batch = new java.util.HashMap<>();
            }
        }
    }

    /** Stops the client and the members. */
    @Override
    void close();
}
