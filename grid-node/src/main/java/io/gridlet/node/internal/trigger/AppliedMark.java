package io.gridlet.node.internal.trigger;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import com.hazelcast.partition.PartitionAware;
import java.io.IOException;
import java.util.Objects;

/**
 * The key of an exactly-once trigger's applied mark for one journal partition (its value an
 * {@link AppliedBatch}: the next journal sequence to apply there). It lives in that same partition
 * (its partition key is one that hashes there), so the mark and the function's effects on the
 * event's key commit in one transaction whose writes go to the partition's owner and its backup.
 */
final class AppliedMark implements IdentifiedDataSerializable, PartitionAware<Object> {

    /** The marks, one per trigger and journal partition. */
    static final String MAP = "gridlet.trigger.applied";

    private String trigger;
    private int partition;
    private Object partitionKey;

    public AppliedMark() {
    }

    private AppliedMark(String trigger, int partition, Object partitionKey) {
        this.trigger = trigger;
        this.partition = partition;
        this.partitionKey = partitionKey;
    }

    /** The mark of {@code trigger} in {@code partition}, placed in that partition. */
    static AppliedMark of(HazelcastInstance hazelcast, String trigger, int partition) {
        return new AppliedMark(trigger, partition, PartitionKeys.of(hazelcast).keyOf(partition));
    }

    String trigger() {
        return trigger;
    }

    @Override
    public Object getPartitionKey() {
        return partitionKey;
    }

    @Override
    public int getFactoryId() {
        return TriggerSerializerHook.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return TriggerSerializerHook.APPLIED_MARK;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(trigger);
        out.writeInt(partition);
        out.writeObject(partitionKey);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        trigger = in.readString();
        partition = in.readInt();
        partitionKey = in.readObject();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AppliedMark mark && mark.partition == partition && mark.trigger.equals(trigger);
    }

    @Override
    public int hashCode() {
        return Objects.hash(trigger, partition);
    }

    @Override
    public String toString() {
        return trigger + "@" + partition;
    }

    /** For each partition, a small key that hashes there; found once per member. */
    static final class PartitionKeys {
        private static final java.util.Map<HazelcastInstance, PartitionKeys> BY_MEMBER =
                java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
        private final Integer[] keys;

        private PartitionKeys(HazelcastInstance hazelcast) {
            var partitions = hazelcast.getPartitionService();
            int count = partitions.getPartitions().size();
            keys = new Integer[count];
            int found = 0;
            for (int candidate = 0; found < count; candidate++) {
                int partition = partitions.getPartition(candidate).getPartitionId();
                if (keys[partition] == null) {
                    keys[partition] = candidate;
                    found++;
                }
            }
        }

        static PartitionKeys of(HazelcastInstance hazelcast) {
            return BY_MEMBER.computeIfAbsent(hazelcast, PartitionKeys::new);
        }

        Integer keyOf(int partition) {
            return keys[partition];
        }
    }
}
