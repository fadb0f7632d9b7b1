package io.gridlet.benchmarks.harness;

import com.hazelcast.client.config.ClientConfig;
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
    private static final String CLIENT_CONCURRENT_WINDOW = "hazelcast.client.concurrent.window.ms";

    private RawTasks() {
    }

    /**
     * Readies a raw client for the baselines: their factory, and the network setting
     * {@code GridletClient} has (each message written by the thread that sends it, unless a system
     * property of the window's name says otherwise), so that the baselines keep Gridlet's transport.
     */
    public static void configure(ClientConfig config) {
        config.getSerializationConfig().addDataSerializableFactory(FACTORY_ID, factory());
        if (System.getProperty(CLIENT_CONCURRENT_WINDOW) == null) {
            config.setProperty(CLIENT_CONCURRENT_WINDOW, "0");
        }
    }

    public static DataSerializableFactory factory() {
        return id -> switch (id) {
            case 1 -> new ReadModifyWrite();
            case 2 -> new OwnerReadModifyWrite();
            case 3 -> new Checksum();
            case 4 -> new Increment();
            case 5 -> new OwnerIncrement();
            case 6 -> new OffloadableReadModifyWrite();
            case 7 -> new OffloadableIncrement();
            case 8 -> new SetValue();
            case 9 -> new OffloadedNothing();
            case 10 -> new OffloadedReadReplace();
            case 11 -> new Nothing();
            case 12 -> new CompileTime();
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

    /**
     * The same read-modify-write as an offloadable processor on Gridlet's invocation executor: the
     * partition thread locks the key and hands the entry over, the change runs on the executor,
     * the partition thread applies it and sends it to the backup, which gets the new value. Note
     * that Hazelcast answers an offloaded processor without waiting for its backup to confirm.
     */
    public static final class OffloadableReadModifyWrite implements EntryProcessor<String, byte[], Long>,
            IdentifiedDataSerializable, com.hazelcast.core.Offloadable {
        private transient byte[] written;

        @Override
        public Long process(Map.Entry<String, byte[]> entry) {
            byte[] value = entry.getValue();
            long next = Payloads.increment(value);
            entry.setValue(value);
            written = value;
            return next;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public EntryProcessor<String, byte[], Long> getBackupProcessor() {
            return (EntryProcessor) new SetValue(written);
        }

        @Override
        public String getExecutorName() {
            return "gridlet.invoke";
        }

        @Override
        public int getFactoryId() {
            return FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return 6;
        }

        @Override
        public void writeData(ObjectDataOutput out) {
        }

        @Override
        public void readData(ObjectDataInput in) {
        }
    }

    /** The hot-key increment as an offloadable processor on Gridlet's invocation executor, with its backup. */
    public static final class OffloadableIncrement implements EntryProcessor<String, Long, Long>,
            IdentifiedDataSerializable, com.hazelcast.core.Offloadable {
        private transient Long written;

        @Override
        public Long process(Map.Entry<String, Long> entry) {
            long next = (entry.getValue() == null ? 0 : entry.getValue()) + 1;
            entry.setValue(next);
            written = next;
            return next;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public EntryProcessor<String, Long, Long> getBackupProcessor() {
            return (EntryProcessor) new SetValue(written);
        }

        @Override
        public String getExecutorName() {
            return "gridlet.invoke";
        }

        @Override
        public int getFactoryId() {
            return FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return 7;
        }

        @Override
        public void writeData(ObjectDataOutput out) {
        }

        @Override
        public void readData(ObjectDataInput in) {
        }
    }

    /** A backup processor: sets the value its primary computed. */
    public static final class SetValue implements EntryProcessor<Object, Object, Object>, IdentifiedDataSerializable {
        private Object value;

        public SetValue() {
        }

        SetValue(Object value) {
            this.value = value;
        }

        @Override
        public Object process(Map.Entry<Object, Object> entry) {
            entry.setValue(value);
            return null;
        }

        @Override
        public int getFactoryId() {
            return FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return 8;
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

    /** A read-only processor that returns a constant on the partition thread: the floor under a call by key. */
    public static final class Nothing implements EntryProcessor<String, Object, Long>, IdentifiedDataSerializable,
            com.hazelcast.core.ReadOnly {
        @Override
        public Long process(Map.Entry<String, Object> entry) {
            return 1L;
        }

        @Override
        public EntryProcessor<String, Object, Long> getBackupProcessor() {
            return null;
        }

        @Override
        public int getFactoryId() {
            return FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return 11;
        }

        @Override
        public void writeData(ObjectDataOutput out) {
        }

        @Override
        public void readData(ObjectDataInput in) {
        }
    }

    /**
     * A read-only offloadable processor that returns a constant from Gridlet's invocation
     * executor: the floor under a trivial call, one hand-off from the partition thread and back.
     */
    public static final class OffloadedNothing implements EntryProcessor<String, byte[], Long>,
            IdentifiedDataSerializable, com.hazelcast.core.Offloadable, com.hazelcast.core.ReadOnly {
        @Override
        public Long process(Map.Entry<String, byte[]> entry) {
            return 1L;
        }

        @Override
        public EntryProcessor<String, byte[], Long> getBackupProcessor() {
            return null;
        }

        @Override
        public String getExecutorName() {
            return "gridlet.invoke";
        }

        @Override
        public int getFactoryId() {
            return FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return 9;
        }

        @Override
        public void writeData(ObjectDataOutput out) {
        }

        @Override
        public void readData(ObjectDataInput in) {
        }
    }

    /**
     * The durable shape of an offloaded read-modify-write, as a careful user writes it without
     * Gridlet: a read-only offloadable processor reads the entry on the partition thread and hands
     * it to Gridlet's invocation executor, where the change is written back with a compare-and-set
     * ({@code replace}) whose backup confirms before the processor answers; a lost race reads again.
     * Unlike the mutating offloadable processor, it never answers before its backup has the write.
     */
    public static final class OffloadedReadReplace implements EntryProcessor<String, byte[], Long>,
            IdentifiedDataSerializable, com.hazelcast.core.Offloadable, com.hazelcast.core.ReadOnly,
            HazelcastInstanceAware {
        private String map;
        private transient HazelcastInstance hazelcast;

        public OffloadedReadReplace() {
        }

        public OffloadedReadReplace(String map) {
            this.map = map;
        }

        @Override
        public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
            this.hazelcast = hazelcastInstance;
        }

        @Override
        public Long process(Map.Entry<String, byte[]> entry) {
            com.hazelcast.map.IMap<String, byte[]> target = hazelcast.getMap(map);
            byte[] value = entry.getValue();
            while (true) {
                byte[] next = value.clone();
                long counter = Payloads.increment(next);
                if (target.replace(entry.getKey(), value, next)) {
                    return counter;
                }
                value = target.get(entry.getKey());
            }
        }

        @Override
        public EntryProcessor<String, byte[], Long> getBackupProcessor() {
            return null;
        }

        @Override
        public String getExecutorName() {
            return "gridlet.invoke";
        }

        @Override
        public int getFactoryId() {
            return FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return 10;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeString(map);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            map = in.readString();
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


    /** executeOnKey: increment a Long counter. Runs on the partition thread. */
    public static final class Increment implements EntryProcessor<String, Long, Long>, IdentifiedDataSerializable {
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
            return 4;
        }

        @Override
        public void writeData(ObjectDataOutput out) {
        }

        @Override
        public void readData(ObjectDataInput in) {
        }
    }

    /** A callable sent to a key's owner, naming its map and key. */
    abstract static class OwnerTask implements Callable<Long>, IdentifiedDataSerializable, HazelcastInstanceAware {
        String map;
        String key;
        transient HazelcastInstance hazelcast;

        OwnerTask() {
        }

        OwnerTask(String map, String key) {
            this.map = map;
            this.key = key;
        }

        @Override
        public final void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
            this.hazelcast = hazelcastInstance;
        }

        @Override
        public final int getFactoryId() {
            return FACTORY_ID;
        }

        @Override
        public final void writeData(ObjectDataOutput out) throws IOException {
            out.writeString(map);
            out.writeString(key);
        }

        @Override
        public final void readData(ObjectDataInput in) throws IOException {
            map = in.readString();
            key = in.readString();
        }
    }

    /** submitToKeyOwner: get, change, set, on the owner. Not atomic, as a plain callable is not. */
    public static final class OwnerReadModifyWrite extends OwnerTask {
        public OwnerReadModifyWrite() {
        }

        public OwnerReadModifyWrite(String map, String key) {
            super(map, key);
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
        public int getClassId() {
            return 2;
        }
    }

    /** submitToKeyOwner: get a Long counter, add one, set it, on the owner. Not atomic. */
    public static final class OwnerIncrement extends OwnerTask {
        public OwnerIncrement() {
        }

        public OwnerIncrement(String map, String key) {
            super(map, key);
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
        public int getClassId() {
            return 5;
        }
    }

    /**
     * Sent to every member: the milliseconds its JIT compilers have spent so far, or -1 where the
     * JVM does not say ({@link java.lang.management.CompilationMXBean}).
     */
    public static final class CompileTime implements Callable<Long>, IdentifiedDataSerializable {
        public CompileTime() {
        }

        @Override
        public Long call() {
            return compileMillis();
        }

        /** This JVM's compile time so far, in milliseconds, or -1. */
        public static long compileMillis() {
            var compiler = java.lang.management.ManagementFactory.getCompilationMXBean();
            return compiler != null && compiler.isCompilationTimeMonitoringSupported()
                    ? compiler.getTotalCompilationTime() : -1;
        }

        @Override
        public int getFactoryId() {
            return FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return 12;
        }

        @Override
        public void writeData(ObjectDataOutput out) {
        }

        @Override
        public void readData(ObjectDataInput in) {
        }
    }
}
