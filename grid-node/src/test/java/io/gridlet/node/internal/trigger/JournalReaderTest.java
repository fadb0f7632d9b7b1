package io.gridlet.node.internal.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.EntryEventType;
import com.hazelcast.core.OperationTimeoutException;
import com.hazelcast.internal.journal.EventJournalInitialSubscriberState;
import com.hazelcast.jet.RestartableException;
import com.hazelcast.jet.pipeline.SourceBuilder;
import com.hazelcast.map.EventJournalMapEvent;
import com.hazelcast.ringbuffer.ReadResultSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The journal reader against a journal whose reads fail: a failed read is asked again from the
 * same position, so no event is skipped, and reads that keep failing restart the job instead of
 * failing it (a failed job would end the trigger for good).
 */
class JournalReaderTest {

    private static final int PARTITION = 7;

    @Test
    void aReadThatTimedOutIsAskedAgainFromTheSamePositionAndSkipsNothing() {
        ScriptedJournal journal = new ScriptedJournal();
        JournalSource.Reader reader = new JournalSource.Reader(journal, new int[] {PARTITION}, "m", true, Set.of("ADDED"));
        Buffer buffer = new Buffer();

        journal.answers.add(CompletableFuture.failedFuture(new OperationTimeoutException("no answer from the backup")));
        reader.fill(buffer); // sends the read
        reader.fill(buffer); // sees it fail
        journal.answers.add(CompletableFuture.completedFuture(events(0, "a", "b")));
        reader.fill(buffer); // sends it again
        reader.fill(buffer); // takes its events

        assertThat(journal.asked).containsExactly(0L, 0L);
        assertThat(buffer.items).hasSize(1);
        assertThat(buffer.items.get(0).events()).extracting(TriggerEvent::key).containsExactly("a", "b");
        assertThat(buffer.items.get(0).events()).extracting(TriggerEvent::sequence).containsExactly(0L, 1L);
        assertThat(reader.snapshot()).containsEntry(PARTITION, 2L);
    }

    @Test
    void readsThatKeepFailingRestartTheJobRatherThanFailIt() {
        ScriptedJournal journal = new ScriptedJournal();
        JournalSource.Reader reader = new JournalSource.Reader(journal, new int[] {PARTITION}, "m", true, Set.of("ADDED"));
        Buffer buffer = new Buffer();
        for (int i = 0; i < JournalSource.READ_RETRIES; i++) {
            journal.answers.add(CompletableFuture.failedFuture(new OperationTimeoutException("try " + i)));
            reader.fill(buffer);
            reader.fill(buffer);
        }
        assertThat(journal.asked).hasSize(JournalSource.READ_RETRIES);

        journal.answers.add(CompletableFuture.failedFuture(new IllegalStateException("still broken")));
        reader.fill(buffer);
        assertThatThrownBy(() -> reader.fill(buffer)).isInstanceOf(RestartableException.class)
                .hasMessageContaining("partition " + PARTITION).hasMessageContaining("still broken");
        assertThat(buffer.items).isEmpty();
    }

    @Test
    void aSuccessfulReadClearsTheCountOfFailures() {
        ScriptedJournal journal = new ScriptedJournal();
        JournalSource.Reader reader = new JournalSource.Reader(journal, new int[] {PARTITION}, "m", true, Set.of("ADDED"));
        Buffer buffer = new Buffer();
        long at = 0;
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < JournalSource.READ_RETRIES; i++) {
                journal.answers.add(CompletableFuture.failedFuture(new OperationTimeoutException("try " + i)));
                reader.fill(buffer);
                reader.fill(buffer);
            }
            journal.answers.add(CompletableFuture.completedFuture(events(at, "k" + round)));
            reader.fill(buffer);
            reader.fill(buffer);
            at++;
        }
        assertThat(buffer.items).extracting(batch -> batch.events().get(0).key()).containsExactly("k0", "k1", "k2");
    }

    @Test
    void aJournalThatCannotBeOpenedRestartsTheJob() {
        ScriptedJournal journal = new ScriptedJournal();
        journal.subscribeFailure = new OperationTimeoutException("partition on the move");
        assertThatThrownBy(() -> new JournalSource.Reader(journal, new int[] {PARTITION}, "m", true, Set.of("ADDED")))
                .isInstanceOf(RestartableException.class).hasMessageContaining("could not be opened");
    }

    private static ReadResultSet<EventJournalMapEvent<Object, Object>> events(long first, String... keys) {
        return new Events(first, keys);
    }

    /** A journal that answers each read with the next scripted answer. */
    private static final class ScriptedJournal implements JournalSource.Journal {
        final Deque<CompletableFuture<ReadResultSet<EventJournalMapEvent<Object, Object>>>> answers = new ArrayDeque<>();
        final List<Long> asked = new ArrayList<>();
        RuntimeException subscribeFailure;

        @Override
        public CompletableFuture<EventJournalInitialSubscriberState> subscribe(int partition) {
            return subscribeFailure == null
                    ? CompletableFuture.completedFuture(new EventJournalInitialSubscriberState(0, -1))
                    : CompletableFuture.failedFuture(subscribeFailure);
        }

        @Override
        public CompletableFuture<ReadResultSet<EventJournalMapEvent<Object, Object>>> read(int partition, long sequence) {
            asked.add(sequence);
            CompletableFuture<ReadResultSet<EventJournalMapEvent<Object, Object>>> answer = answers.poll();
            return answer == null ? new CompletableFuture<>() : answer;
        }
    }

    private static final class Buffer implements SourceBuilder.SourceBuffer<TriggerBatch> {
        final List<TriggerBatch> items = new ArrayList<>();

        @Override
        public int size() {
            return items.size();
        }

        @Override
        public void close() {
        }

        @Override
        public void add(TriggerBatch item) {
            items.add(item);
        }
    }

    private record Added(Object getKey) implements EventJournalMapEvent<Object, Object> {
        @Override
        public Object getNewValue() {
            return 1;
        }

        @Override
        public Object getOldValue() {
            return null;
        }

        @Override
        public EntryEventType getType() {
            return EntryEventType.ADDED;
        }

        @Override
        public boolean isAfterLostEvents() {
            return false;
        }
    }

    private record Events(long first, String[] keys) implements ReadResultSet<EventJournalMapEvent<Object, Object>> {
        @Override
        public int readCount() {
            return keys.length;
        }

        @Override
        public EventJournalMapEvent<Object, Object> get(int index) {
            return new Added(keys[index]);
        }

        @Override
        public long getSequence(int index) {
            return first + index;
        }

        @Override
        public int size() {
            return keys.length;
        }

        @Override
        public long getNextSequenceToReadFrom() {
            return first + keys.length;
        }

        @Override
        public Iterator<EventJournalMapEvent<Object, Object>> iterator() {
            List<EventJournalMapEvent<Object, Object>> all = new ArrayList<>();
            for (int i = 0; i < keys.length; i++) {
                all.add(get(i));
            }
            return all.iterator();
        }
    }
}
