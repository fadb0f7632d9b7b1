package io.gridlet.node.internal.trigger;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.function.FunctionEx;
import com.hazelcast.jet.RestartableException;
import com.hazelcast.internal.journal.EventJournalInitialSubscriberState;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.map.impl.journal.MapEventJournalReadOperation;
import com.hazelcast.map.impl.journal.MapEventJournalSubscribeOperation;
import com.hazelcast.map.impl.proxy.MapProxyImpl;
import com.hazelcast.spi.impl.NodeEngine;
import com.hazelcast.spi.impl.operationservice.Operation;
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
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *
 * <p>The journal is read on the partition's first backup, not its owner. The owner appends an
 * event before its backup has it, and a reader there sees the event at once: if the owner then
 * dies (or is cut off) before the backup arrives, the promoted backup's journal gives that
 * sequence to the next event written, and a position or applied mark taken from the dead owner's
 * journal skips it, an acknowledged write whose event is never delivered. The backup holds only
 * what survives the owner, in the same order under the same sequences, so a position read there
 * stays true on whichever replica is the owner next. The cost is the backup's hop, which a write
 * waits for anyway. A partition with no backup (one member, or a map without backups) is read on
 * its owner. A backup behind this reader's position (a new one, still being filled) answers from
 * an earlier sequence: the answer is dropped and the read asked again until the backup has caught
 * up ({@link #BEHIND_PATIENCE_NANOS} at most; then the reader goes back, and a replay follows).
 */
final class JournalSource {

    private static final int BATCH = 128;
    private static final int MAX_EVENTS_PER_FILL = 512;
    /** How long a backup may stay behind a reader's position before the reader follows it back. */
    static final long BEHIND_PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** The call timeout of a journal read: see {@link GridJournal}. */
    static final long READ_CALL_TIMEOUT_MILLIS = 10_000;
    /** How many reads of a partition may fail in a row before the job restarts. */
    static final int READ_RETRIES = 5;

    private static final Logger LOG = LoggerFactory.getLogger(JournalSource.class);

    private JournalSource() {
    }

    static StreamSource<TriggerBatch> of(String map, boolean fromOldest, Set<String> types) {
        return SourceBuilder.stream("journal of " + map,
                        context -> new Reader(new GridJournal(context.hazelcastInstance(), map),
                                context.processorPartitions(), map, fromOldest, types))
                .<TriggerBatch>fillBufferFn(Reader::fill)
                .createSnapshotFn(Reader::snapshot)
                .restoreSnapshotFn(Reader::restore)
                .distributed(1)
                .build();
    }

    /** The reads a reader makes of one map's journal, one partition at a time. */
    interface Journal {
        CompletableFuture<EventJournalInitialSubscriberState> subscribe(int partition);

        /** Waits for at least one event at or after {@code sequence}, and answers up to {@value #BATCH}. */
        CompletableFuture<ReadResultSet<EventJournalMapEvent<Object, Object>>> read(int partition, long sequence);
    }

    /**
     * The journal read through the grid's own operations: on the partition's first backup if it
     * has one, else on its owner.
     *
     * <p>A read waits on its member until an event comes, and Hazelcast expects no operation but a
     * backup's to wait on a backup replica: a replica sync or a migration there can drop the waiting
     * read without an answer, or leave it waiting on a journal that the sync filled without waking
     * it. So each read carries a call timeout of {@link #READ_CALL_TIMEOUT_MILLIS}: a read still
     * waiting then is sent again by Hazelcast's invocation (it does so for waiting operations), and
     * one dropped without an answer fails with {@code OperationTimeoutException} soon after, which
     * the reader asks again, instead of the 60 s default and a failed job.
     */
    static final class GridJournal implements Journal {
        private final String map;
        private final NodeEngine engine;
        private final boolean backedUp;

        GridJournal(HazelcastInstance hazelcast, String map) {
            this.map = map;
            this.engine = ((MapProxyImpl<?, ?>) hazelcast.getMap(map)).getNodeEngine();
            this.backedUp = hazelcast.getConfig().findMapConfig(map).getTotalBackupCount() > 0;
        }

        @Override
        public CompletableFuture<EventJournalInitialSubscriberState> subscribe(int partition) {
            return invoke(new MapEventJournalSubscribeOperation(map), partition);
        }

        @Override
        public CompletableFuture<ReadResultSet<EventJournalMapEvent<Object, Object>>> read(int partition, long sequence) {
            return invoke(new MapEventJournalReadOperation<>(map, sequence, 1, BATCH, null, FunctionEx.identity()),
                    partition);
        }

        private <T> CompletableFuture<T> invoke(Operation operation, int partition) {
            int replica = backedUp && engine.getPartitionService().getPartition(partition).getReplicaAddress(1) != null ? 1 : 0;
            return engine.getOperationService()
                    .<T>createInvocationBuilder(MapService.SERVICE_NAME, operation, partition)
                    .setReplicaIndex(replica)
                    .setCallTimeout(READ_CALL_TIMEOUT_MILLIS)
                    .invoke();
        }
    }

    /** The reader on one member. Used by one Jet processor thread. */
    static final class Reader {
        private final String map;
        private final Journal journal;
        private final Set<String> types;
        private final int[] partitions;
        private final long[] next;
        private final boolean[] lost;
        /** Per partition, since when (nanoTime) its backup has answered from behind the position, or 0. */
        private final long[] behindSince;
        /** Per partition, the reads that failed in a row. */
        private final int[] failures;
        private final List<CompletableFuture<ReadResultSet<EventJournalMapEvent<Object, Object>>>> pending;

        Reader(Journal journal, int[] partitions, String map, boolean fromOldest, Set<String> types) {
            this.map = map;
            this.journal = journal;
            this.types = types;
            this.partitions = partitions.clone();
            this.next = new long[partitions.length];
            this.lost = new boolean[partitions.length];
            this.behindSince = new long[partitions.length];
            this.failures = new int[partitions.length];
            this.pending = new ArrayList<>(partitions.length);
            for (int i = 0; i < partitions.length; i++) {
                EventJournalInitialSubscriberState state;
                try {
                    state = journal.subscribe(partitions[i]).join();
                } catch (CompletionException e) {
                    // Partitions on the move as the job starts: a restart tries again, a failure would end the trigger.
                    throw new RestartableException("the event journal of map " + map + ", partition " + partitions[i]
                            + ", could not be opened: " + e.getCause(), e.getCause());
                }
                next[i] = fromOldest ? state.getOldestSequence() : state.getNewestSequence() + 1;
                pending.add(null);
            }
        }

        void fill(SourceBuilder.SourceBuffer<TriggerBatch> buffer) {
            int added = 0;
            for (int i = 0; i < partitions.length && added < MAX_EVENTS_PER_FILL; i++) {
                CompletableFuture<ReadResultSet<EventJournalMapEvent<Object, Object>>> read = pending.get(i);
                if (read == null) {
                    pending.set(i, journal.read(partitions[i], next[i]));
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
                    failed(i, e.getCause());
                    continue;
                }
                failures[i] = 0;
                if (behind(i, result)) {
                    continue;
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

        /**
         * A read that failed is asked again from the same position, up to {@link #READ_RETRIES} times
         * in a row; then the job restarts from its last snapshot. Either way nothing is skipped, and
         * a trigger does not end because its journal could not be read for a moment.
         */
        private void failed(int i, Throwable cause) {
            if (++failures[i] > READ_RETRIES) {
                throw new RestartableException("the event journal of map " + map + ", partition " + partitions[i]
                        + ", could not be read " + READ_RETRIES + " times in a row: " + cause, cause);
            }
            LOG.debug("A read of the event journal of map {}, partition {}, failed ({}); asking again", map,
                    partitions[i], cause.toString());
        }

        /**
         * Whether a read answered from before the position asked for: the journal it ran on ends
         * earlier (a backup being filled). Such an answer is dropped and the read asked again, for
         * {@link #BEHIND_PATIENCE_NANOS}; past that the journal is taken as it is.
         */
        private boolean behind(int i, ReadResultSet<?> result) {
            if (result.size() == 0 || result.getSequence(0) >= next[i]) {
                behindSince[i] = 0;
                return false;
            }
            long now = System.nanoTime();
            if (behindSince[i] == 0) {
                behindSince[i] = now;
            }
            if (now - behindSince[i] < BEHIND_PATIENCE_NANOS) {
                return true;
            }
            LOG.warn("The event journal of map {}, partition {}, stayed behind sequence {} for {} s; reading it from"
                    + " sequence {}", map, partitions[i], next[i],
                    TimeUnit.NANOSECONDS.toSeconds(BEHIND_PATIENCE_NANOS), result.getSequence(0));
            behindSince[i] = 0;
            return false;
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
