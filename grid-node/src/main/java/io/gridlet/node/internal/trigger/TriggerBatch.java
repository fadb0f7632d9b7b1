package io.gridlet.node.internal.trigger;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The events one journal read found in one partition, in journal order, and the sequence after
 * the last one read (filtered events included). An exactly-once trigger applies a batch in one
 * transaction and records that sequence as the partition's applied mark.
 */
final class TriggerBatch implements IdentifiedDataSerializable {

    private int partition;
    private long nextSequence;
    private List<TriggerEvent> events;

    public TriggerBatch() {
    }

    TriggerBatch(int partition, long nextSequence, List<TriggerEvent> events) {
        this.partition = partition;
        this.nextSequence = nextSequence;
        this.events = events;
    }

    int partition() {
        return partition;
    }

    /** The journal sequence after the last event this batch read. */
    long nextSequence() {
        return nextSequence;
    }

    List<TriggerEvent> events() {
        return events;
    }

    /** This batch and the next one of the same partition, as one. */
    TriggerBatch then(TriggerBatch later) {
        List<TriggerEvent> both = new ArrayList<>(events.size() + later.events.size());
        both.addAll(events);
        both.addAll(later.events);
        return new TriggerBatch(partition, later.nextSequence, both);
    }

    /**
     * A key of the batch's partition, to route the batch by: Jet sends every batch of a partition
     * to the same processor, on the member the job gave the partition, in order.
     */
    Object routingKey() {
        return events.get(0).key();
    }

    @Override
    public int getFactoryId() {
        return TriggerSerializerHook.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return TriggerSerializerHook.TRIGGER_BATCH;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeInt(partition);
        out.writeLong(nextSequence);
        out.writeInt(events.size());
        for (TriggerEvent event : events) {
            event.writeData(out);
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        partition = in.readInt();
        nextSequence = in.readLong();
        int size = in.readInt();
        events = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            TriggerEvent event = new TriggerEvent();
            event.readData(in);
            events.add(event);
        }
    }
}
