package io.gridlet.benchmarks.peers.coherence;

import com.tangosol.io.ExternalizableLite;
import com.tangosol.util.InvocableMap;
import io.gridlet.benchmarks.harness.Payloads;
import java.io.DataInput;
import java.io.DataOutput;

/**
 * The scenarios' entry processors: Coherence's way to run code next to an entry, atomically under
 * the entry's lock, on its owner. {@code ExternalizableLite}, Coherence's own compact form, so that
 * no processor pays Java serialization; they carry no fields.
 */
final class Processors {

    private Processors() {
    }

    /** Reads the value, increments its first 8 bytes (a counter), writes it back: the counter. */
    public static final class ReadModifyWrite implements InvocableMap.EntryProcessor<String, byte[], Long>,
            ExternalizableLite {
        @Override
        public Long process(InvocableMap.Entry<String, byte[]> entry) {
            byte[] value = entry.getValue();
            long counter = Payloads.increment(value);
            entry.setValue(value);
            return counter;
        }

        @Override
        public void readExternal(DataInput in) {
        }

        @Override
        public void writeExternal(DataOutput out) {
        }
    }

    /** Touches nothing: the floor of a call by key. */
    public static final class Trivial implements InvocableMap.EntryProcessor<String, Object, Long>, ExternalizableLite {
        @Override
        public Long process(InvocableMap.Entry<String, Object> entry) {
            return 1L;
        }

        @Override
        public void readExternal(DataInput in) {
        }

        @Override
        public void writeExternal(DataOutput out) {
        }
    }

    /** Increments a long counter: the new value. */
    public static final class Increment implements InvocableMap.EntryProcessor<String, Long, Long>, ExternalizableLite {
        @Override
        public Long process(InvocableMap.Entry<String, Long> entry) {
            Long current = entry.getValue();
            long next = current == null ? 1 : current + 1;
            entry.setValue(next);
            return next;
        }

        @Override
        public void readExternal(DataInput in) {
        }

        @Override
        public void writeExternal(DataOutput out) {
        }
    }
}
