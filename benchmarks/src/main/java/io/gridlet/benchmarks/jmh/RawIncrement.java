package io.gridlet.benchmarks.jmh;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The raw Hazelcast baselines of a read-modify-write: an entry processor and a callable sent to
 * the key's owner, both doing exactly what the Gridlet function does. Compact wire form
 * ({@code IdentifiedDataSerializable}), as a careful Hazelcast user would write them.
 */
final class RawIncrement {

    static final int FACTORY_ID = 0x42454E43;

    private RawIncrement() {
    }

    static DataSerializableFactory factory() {
        return id -> switch (id) {
            case 1 -> new Processor();
            case 2 -> new Task();
            default -> null;
        };
    }

    static final class Processor implements EntryProcessor<String, Long, Long>, IdentifiedDataSerializable {
        @Override
        public Long process(Map.Entry<String, Long> entry) {
            long next = (entry.getValue() == null ? 0 : entry.getValue()) + 1;
            entry.setValue(next);
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

    /** Reads and writes the entry on its owner; not atomic, as a plain callable is not. */
    static final class Task implements Callable<Long>, IdentifiedDataSerializable, HazelcastInstanceAware {
        private String map;
        private String key;
        private transient HazelcastInstance hazelcast;

        Task() {
        }

        Task(String map, String key) {
            this.map = map;
            this.key = key;
        }

        @Override
        public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
            this.hazelcast = hazelcastInstance;
        }

        @Override
        public Long call() {
            var target = hazelcast.<String, Long>getMap(map);
            Long current = target.get(key);
            long next = (current == null ? 0 : current) + 1;
            target.set(key, next);
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
        public void writeData(ObjectDataOutput out) throws java.io.IOException {
            out.writeString(map);
            out.writeString(key);
        }

        @Override
        public void readData(ObjectDataInput in) throws java.io.IOException {
            map = in.readString();
            key = in.readString();
        }
    }
}
