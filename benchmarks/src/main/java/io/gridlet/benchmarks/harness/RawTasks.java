package io.gridlet.benchmarks.harness;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The raw Hazelcast baselines, as a careful user writes them (compact serialization, on every
 * member's class path): an entry processor, and a callable sent to the key's owner.
 */
public final class RawTasks {

    public static final int FACTORY_ID = 0x48524e53;

    private RawTasks() {
    }

    public static DataSerializableFactory factory() {
        return id -> switch (id) {
            case 1 -> new ReadModifyWrite();
            case 2 -> new OwnerReadModifyWrite();
            case 3 -> new Checksum();
            default -> null;
        };
    }

    /** executeOnKey: read, change the counter, write. Runs on the partition thread. */
    public static final class ReadModifyWrite implements EntryProcessor<String, byte[], Long>, IdentifiedDataSerializable {
        @Override
        public Long process(Map.Entry<String, byte[]> entry) {
            byte[] value = entry.getValue();
            long next = Payloads.increment(value);
            entry.setValue(value);
            return next;
        }

        @Override
        public int getFactoryId() {
            return FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return 1;
        }

        @Override
        public void writeData(ObjectDataOutput out) {
        }

        @Override
        public void readData(ObjectDataInput in) {
        }
    }

    /** A read-only processor returning a checksum: the aggregate baseline at the owner. */
    public static final class Checksum implements EntryProcessor<String, byte[], Long>, IdentifiedDataSerializable,
            com.hazelcast.core.ReadOnly {
        @Override
        public Long process(Map.Entry<String, byte[]> entry) {
            return Payloads.checksum(entry.getValue());
        }

        @Override
        public EntryProcessor<String, byte[], Long> getBackupProcessor() {
            return null;
        }

        @Override
        public int getFactoryId() {
            return FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return 3;
        }

        @Override
        public void writeData(ObjectDataOutput out) {
        }

        @Override
        public void readData(ObjectDataInput in) {
        }
    }

    /** submitToKeyOwner: get, change, set, on the owner. Not atomic, as a plain callable is not. */
    public static final class OwnerReadModifyWrite implements Callable<Long>, IdentifiedDataSerializable,
            HazelcastInstanceAware {
        private String map;
        private String key;
        private transient HazelcastInstance hazelcast;

        public OwnerReadModifyWrite() {
        }

        public OwnerReadModifyWrite(String map, String key) {
            this.map = map;
            this.key = key;
        }

        @Override
        public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
            this.hazelcast = hazelcastInstance;
        }

        @Override
        public Long call() {
            var target = hazelcast.<String, byte[]>getMap(map);
            byte[] value = target.get(key);
            long next = Payloads.increment(value);
            target.set(key, value);
            return next;
        }

        @Override
        public int getFactoryId() {
            return FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return 2;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeString(map);
            out.writeString(key);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            map = in.readString();
            key = in.readString();
        }
    }
}
