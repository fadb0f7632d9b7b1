package io.gridlet.node.internal.invoke.wire;

import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.internal.nio.IOUtil;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.impl.LazyMapEntry;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import com.hazelcast.query.impl.CachedQueryEntry;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;

/**
 * The write of a routed entry after its call: on the key's partition thread, the value the call
 * started from is compared with the entry's and, where they are the same, replaced by the call's
 * ({@code null} on either side: no entry), as {@code replace}, {@code putIfAbsent} and
 * {@code remove} against a value do; a blind write ({@link #blind}) sets without comparing. The
 * change is backed up through {@link #getBackupProcessor}, and the write's future completes once
 * the backups confirm it, as any entry processor's.
 *
 * <p>Why one processor instead of the map's own conditional writes: the map's are synchronous,
 * and the routed entry needs the write queued on the partition before it gives the key to the
 * next call, then to wait for the confirmation without holding the key ({@code OwnerRoutedEntry}).
 * Values stay serialized end to end: nothing is deserialized on the partition thread.
 */
public final class KeyWrite implements EntryProcessor<Object, Object, Boolean>, IdentifiedDataSerializable {

    private static final byte COMPARE = 0;
    private static final byte BLIND = 1;
    private static final byte BACKUP = 2;

    private byte mode;
    private Data expected;
    private Data value;
    private transient boolean changed;

    public KeyWrite() {
    }

    private KeyWrite(byte mode, Data expected, Data value) {
        this.mode = mode;
        this.expected = expected;
        this.value = value;
    }

    /** Writes {@code value} if the entry still holds {@code expected}; {@code null}: no entry. */
    public static KeyWrite compareAndSet(Data expected, Data value) {
        return new KeyWrite(COMPARE, expected, value);
    }

    /** Writes {@code value} whatever the entry holds; {@code null} removes it. */
    public static KeyWrite blind(Data value) {
        return new KeyWrite(BLIND, null, value);
    }

    /** Writes, on a backup, the value its primary wrote; {@code null} removes. */
    public static KeyWrite backup(Data value) {
        return new KeyWrite(BACKUP, null, value);
    }

    /** Whether the write applied. */
    @Override
    public Boolean process(Map.Entry<Object, Object> entry) {
        if (mode == COMPARE && !Objects.equals(current(entry), expected)) {
            return Boolean.FALSE;
        }
        if (mode == COMPARE && expected == null && value == null) {
            // Nothing there, nothing to write: applied, and nothing to back up.
            return Boolean.TRUE;
        }
        write(entry, value);
        changed = true;
        return Boolean.TRUE;
    }

    private static Data current(Map.Entry<Object, Object> entry) {
        if (entry instanceof CachedQueryEntry<?, ?> cached) {
            return cached.getValueData();
        }
        throw new IllegalStateException("a routed entry's write reached an entry it cannot compare: "
                + entry.getClass().getName());
    }

    /**
     * Sets the serialized value as it is. {@code setValue} reads the old value first, which would
     * deserialize it on the partition thread for nothing: the entry is told the new value is
     * already in hand.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void write(Map.Entry<Object, Object> entry, Data value) {
        if (entry instanceof LazyMapEntry lazy) {
            if (value == null) {
                lazy.remove();
            } else {
                lazy.setValueByInMemoryFormat(InMemoryFormat.OBJECT, value);
                lazy.setValue(value);
            }
        } else {
            entry.setValue(value);
        }
    }

    /** The backups get the value the primary wrote, without the comparison; nothing if it did not apply. */
    @Override
    public EntryProcessor<Object, Object, Boolean> getBackupProcessor() {
        if (mode == BACKUP) {
            return null;
        }
        return changed ? new KeyWrite(BACKUP, null, value) : null;
    }

    @Override
    public int getFactoryId() {
        return InvokeSerializerHook.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return InvokeSerializerHook.KEY_WRITE;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeByte(mode);
        IOUtil.writeData(out, expected);
        IOUtil.writeData(out, value);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        mode = in.readByte();
        expected = IOUtil.readData(in);
        value = IOUtil.readData(in);
    }
}
