package io.gridlet.node.internal.trigger;

import com.hazelcast.map.EventJournalMapEvent;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;

/**
 * One map event on its way from the journal to the function. The journal read operation
 * serializes it, so it is one of Gridlet's wire types; its values are map values, written with
 * Hazelcast's own serialization (JSON values included).
 */
final class TriggerEvent implements IdentifiedDataSerializable {

    private Object key;
    private String type;
    private Object value;
    private Object oldValue;
    private boolean afterLostEvents;
    private long ingestedAtMillis;
    private int partition = -1;
    private long sequence = -1;

    public TriggerEvent() {
    }

    static TriggerEvent of(EventJournalMapEvent<Object, Object> event) {
        TriggerEvent projected = new TriggerEvent();
        projected.key = event.getKey();
        projected.type = switch (event.getType()) {
            case ADDED -> "ADDED";
            case REMOVED, EVICTED, EXPIRED -> "REMOVED";
            default -> "UPDATED";
        };
        projected.value = event.getNewValue();
        projected.oldValue = event.getOldValue();
        projected.afterLostEvents = event.isAfterLostEvents();
        projected.ingestedAtMillis = System.currentTimeMillis();
        return projected;
    }

    /** An event read with its place in the journal, which names it across replays. */
    static TriggerEvent of(EventJournalMapEvent<Object, Object> event, int partition, long sequence, boolean afterLost) {
        TriggerEvent projected = of(event);
        projected.partition = partition;
        projected.sequence = sequence;
        projected.afterLostEvents = afterLost || event.isAfterLostEvents();
        return projected;
    }

    /** The journal partition, or -1 if unknown. */
    public int partition() {
        return partition;
    }

    /** The journal sequence within its partition, or -1 if unknown. */
    public long sequence() {
        return sequence;
    }

    /** ADDED, UPDATED or REMOVED: the type a trigger filters on. */
    static String typeOf(EventJournalMapEvent<Object, Object> event) {
        return switch (event.getType()) {
            case ADDED -> "ADDED";
            case REMOVED, EVICTED, EXPIRED -> "REMOVED";
            default -> "UPDATED";
        };
    }

    public Object key() {
        return key;
    }

    public String type() {
        return type;
    }

    public Object value() {
        return value;
    }

    public Object oldValue() {
        return oldValue;
    }

    /** Whether the journal overflowed before this event, losing some. */
    public boolean afterLostEvents() {
        return afterLostEvents;
    }

    /** When the source read it from the journal. */
    public long ingestedAtMillis() {
        return ingestedAtMillis;
    }

    @Override
    public int getFactoryId() {
        return TriggerSerializerHook.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return TriggerSerializerHook.TRIGGER_EVENT;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeObject(key);
        out.writeString(type);
        out.writeObject(value);
        out.writeObject(oldValue);
        out.writeBoolean(afterLostEvents);
        out.writeLong(ingestedAtMillis);
        out.writeInt(partition);
        out.writeLong(sequence);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        key = in.readObject();
        type = in.readString();
        value = in.readObject();
        oldValue = in.readObject();
        afterLostEvents = in.readBoolean();
        ingestedAtMillis = in.readLong();
        partition = in.readInt();
        sequence = in.readLong();
    }
}
