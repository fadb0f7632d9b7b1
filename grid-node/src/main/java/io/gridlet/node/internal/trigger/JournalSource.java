package io.gridlet.node.internal.trigger;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.function.FunctionEx;
import com.hazelcast.function.PredicateEx;
import com.hazelcast.internal.journal.EventJournalInitialSubscriberState;
import com.hazelcast.internal.journal.EventJournalReader;
import com.hazelcast.jet.pipeline.SourceBuilder;
import com.hazelcast.jet.pipeline.StreamSource;
import com.hazelcast.map.EventJournalMapEvent;
import com.hazelcast.ringbuffer.ReadResultSet;
import com.hazelcast.ringbuffer.StaleSequenceException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A map's event journal as a Jet source of batches: the events one read found in one partition,
 * each with its partition and sequence. The pair names the event for good, so an exactly-once
 * trigger keeps one applied mark per partition, and a replay after Jet restores a snapshot skips
 * what the mark says was applied.
 *
 * <p>One reader per member reads the partitions Jet assigned that member when the job started (Jet
 * restarts jobs when members come or go), with asynchronous reads, so the source never blocks.
 * The assignment, made once by the job's coordinator, gives every partition to exactly one
 * member. The owners each member would see, each at its own moment, are not that: while partitions
 * move (a member joined, or one was declared dead) every member may see a partition as another's,
 * and nobody would read it until the next restart. A partition that moves during the job is read
 * from its new owner, remotely.
 * Each partition's next sequence is in Jet's snapshots. A read whose position the journal has
 * overwritten (it overflowed) starts at the oldest event still held, which Hazelcast marks
 * {@code isAfterLostEvents()}; the event carries the mark and the runner counts the loss. A read
 * that fails with {@code StaleSequenceException} instead jumps there and marks it the same way.
 */
final class JournalSource {

    private static final int BATCH = 128;
    private static final int MAX_EVENTS_PER_FILL = 512;

    private JournalSource() {
    }

    static StreamSource<TriggerBatch> of(String map, boolean fromOldest, Set<String> types) {
        return SourceBuilder.stream("journal of " + map,
                        context -> new Reader(context.hazelcastInstance(), context.processorPartitions(), map,
                                fromOldest, types))
                .<TriggerBatch>fillBufferFn(Reader::fill)
                .createSnapshotFn(Reader::snapshot)
                .restoreSnapshotFn(Reader::restore)
                .distributed(1)
                .build();
    }

    /** The reader on one member. Used by one Jet processor thread. */
    static final class Reader {
        private final EventJournalReader<EventJournalMapEvent<Object, Object>> journal;
        private final Set<String> types;
        private final int[] partitions;
        private final long[] next;
        private final boolean[] lost;
        private final List<CompletableFuture<ReadResultSet<EventJournalMapEvent<Object, Object>>>> pending;

        @SuppressWarnings("unchecked")
        Reader(HazelcastInstance hazelcast, int[] partitions, String map, boolean fromOldest, Set<String> types) {
            this.journal = (EventJournalReader<EventJournalMapEvent<Object, Object>>) hazelcast.getMap(map);
            this.types = types;
            this.partitions = partitions.clone();
            this.next = new long[partitions.length];
            this.lost = new boolean[partitions.length];
            this.pending = new ArrayList<>(partitions.length);
            for (int i = 0; i < partitions.length; i++) {
                EventJournalInitialSubscriberState state = journal.subscribeToEventJournal(partitions[i])
                        .toCompletableFuture().join();
                next[i] = fromOldest ? state.getOldestSequence() : state.getNewestSequence() + 1;
                pending.add(null);
            }
        }

        void fill(SourceBuilder.SourceBuffer<TriggerBatch> buffer) {
            int added = 0;
            for (int i = 0; i < partitions.length && added < MAX_EVENTS_PER_FILL; i++) {
                CompletableFuture<ReadResultSet<EventJournalMapEvent<Object, Object>>> read = pending.get(i);
                if (read == null) {
                    pending.set(i, journal.<EventJournalMapEvent<Object, Object>>readFromEventJournal(next[i], 1, BATCH,
                            partitions[i], PredicateEx.alwaysTrue(), FunctionEx.identity()).toCompletableFuture());
                    continue;
                }
                if (!read.isDone()) {
                    continue;
                }
                pending.set(i, null);
                ReadResultSet<EventJournalMapEvent<Object, Object>> result;
                try {
                    result = read.join();
                } catch (CompletionException e) {
                    if (e.getCause() instanceof StaleSequenceException stale) {
                        // The journal overflowed past this position: go on from the oldest still held.
                        next[i] = stale.getHeadSeq();
                        lost[i] = true;
                        continue;
                    }
                    throw e;
                }
                List<TriggerEvent> events = new ArrayList<>(result.size());
                for (int k = 0; k < result.size(); k++) {
                    EventJournalMapEvent<Object, Object> event = result.get(k);
                    long sequence = result.getSequence(k);
                    if (types.contains(TriggerEvent.typeOf(event))) {
                        events.add(TriggerEvent.of(event, partitions[i], sequence, lost[i]));
                        lost[i] = false;
                    }
                }
                next[i] = result.getNextSequenceToReadFrom();
                if (!events.isEmpty()) {
                    // One item per read: the events of one partition, in order.
                    buffer.add(new TriggerBatch(partitions[i], next[i], events));
                    added += events.size();
                }
            }
        }

        /** Each partition's next sequence: where this reader resumes after a restore. */
        HashMap<Integer, Long> snapshot() {
            HashMap<Integer, Long> positions = new HashMap<>();
            for (int i = 0; i < partitions.length; i++) {
                positions.put(partitions[i], next[i]);
            }
            return positions;
        }

        /** Positions saved by every member's reader: this one takes those of the partitions it reads now. */
        void restore(List<HashMap<Integer, Long>> saved) {
            Map<Integer, Long> all = new HashMap<>();
            saved.forEach(all::putAll);
            for (int i = 0; i < partitions.length; i++) {
                Long position = all.get(partitions[i]);
                if (position != null) {
                    next[i] = position;
                }
            }
        }
    }
}
