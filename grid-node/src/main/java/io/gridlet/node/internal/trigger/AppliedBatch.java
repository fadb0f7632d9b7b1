package io.gridlet.node.internal.trigger;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The value of an applied mark: the next journal sequence to apply in the partition, and the
 * results of the last batch committed there. The processor writes a batch's results right after
 * its commit, before it takes the partition's next batch, so only the last batch's write can be
 * cut short by a failure; a replay that finds its events applied writes them again from here.
 */
final class AppliedBatch implements IdentifiedDataSerializable {

    private long next;
    private Object[] keys;
    private Object[] values;

    public AppliedBatch() {
    }

    AppliedBatch(long next, Map<Object, Object> results) {
        this.next = next;
        this.keys = new Object[results.size()];
        this.values = new Object[results.size()];
        int i = 0;
        for (Map.Entry<Object, Object> result : results.entrySet()) {
            keys[i] = result.getKey();
            values[i] = result.getValue();
            i++;
        }
    }

    /** The next sequence to apply, 0 when nothing was. */
    static long next(AppliedBatch mark) {
        return mark == null ? 0 : mark.next;
    }

    /** The last batch's results, to write again. */
    Map<Object, Object> results() {
        Map<Object, Object> results = new HashMap<>(keys.length * 2);
        for (int i = 0; i < keys.length; i++) {
            results.put(keys[i], values[i]);
        }
        return results;
    }

    @Override
    public int getFactoryId() {
        return TriggerSerializerHook.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return TriggerSerializerHook.APPLIED_BATCH;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(next);
        out.writeInt(keys.length);
        for (int i = 0; i < keys.length; i++) {
            out.writeObject(keys[i]);
            out.writeObject(values[i]);
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        next = in.readLong();
        int size = in.readInt();
        keys = new Object[size];
        values = new Object[size];
        for (int i = 0; i < size; i++) {
            keys[i] = in.readObject();
            values[i] = in.readObject();
        }
    }
}
