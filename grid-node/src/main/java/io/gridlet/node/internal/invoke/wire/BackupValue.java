package io.gridlet.node.internal.invoke.wire;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.Map;

/**
 * Applies, on a backup, the value an {@link InvokeEntryProcessor} set on the primary: Hazelcast
 * backs up an offloaded processor's change only through its backup processor, and the function
 * must not run twice, so the backup gets the result, not the function. {@code null} removes.
 */
public final class BackupValue implements EntryProcessor<Object, Object, Object>, IdentifiedDataSerializable {

    private Object value;

    public BackupValue() {
    }

    public BackupValue(Object value) {
        this.value = value;
    }

    @Override
    public Object process(Map.Entry<Object, Object> entry) {
        entry.setValue(value);
        return null;
    }

    @Override
    public int getFactoryId() {
        return InvokeSerializerHook.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return InvokeSerializerHook.BACKUP_VALUE;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeObject(value);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        value = in.readObject();
    }
}
