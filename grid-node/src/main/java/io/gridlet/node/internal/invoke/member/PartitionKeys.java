package io.gridlet.node.internal.invoke.member;

import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.partition.IPartitionService;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.InternalSerializationService;
import com.hazelcast.map.IMap;
import com.hazelcast.map.impl.LazyMapEntry;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.map.impl.MapServiceContext;
import com.hazelcast.map.impl.proxy.MapProxyImpl;
import com.hazelcast.map.impl.record.Record;
import com.hazelcast.map.impl.recordstore.RecordStore;
import com.hazelcast.partition.PartitionService;
import com.hazelcast.query.Predicates;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads a fan-out's share of a map, partition by partition, as {@code IMap.aggregate} does: the
 * records of a partition this member owns are read in place, from its record store, each key and
 * value deserialized only when the function asks for it. The read counts only if no partition
 * changed owner while it ran (Hazelcast's migration stamp, which its queries check the same way);
 * otherwise, or where the partition is not this member's, the partition is read through
 * Hazelcast's public partition predicate, one query operation on the partition's current owner,
 * which never runs while the partition migrates. Either way a partition is read whole and once.
 * Thread-safe after construction.
 */
final class PartitionKeys {

    /** A key for every partition, so that a partition can be addressed by id through the predicate. */
    private final Object[] keys;

    PartitionKeys(HazelcastInstance hazelcast) {
        PartitionService partitions = hazelcast.getPartitionService();
        int count = partitions.getPartitions().size();
        keys = new Object[count];
        int found = 0;
        for (int candidate = 0; found < count; candidate++) {
            int id = partitions.getPartition(candidate).getPartitionId();
            if (keys[id] == null) {
                keys[id] = candidate;
                found++;
            }
        }
    }

    /** The entries of the given partitions of a map, read one partition at a time. */
    <K, V> Iterable<Map.Entry<K, V>> entries(IMap<K, V> map, int[] partitions) {
        return () -> new Iterator<>() {
            private int next;
            private Iterator<Map.Entry<K, V>> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && next < partitions.length) {
                    int partition = partitions[next++];
                    List<Map.Entry<K, V>> inPlace = readInPlace(map, partition);
                    current = inPlace != null ? inPlace.iterator()
                            : map.entrySet(Predicates.<K, V>partitionPredicate(keys[partition],
                            Predicates.alwaysTrue())).iterator();
                }
                return current.hasNext();
            }

            @Override
            public Map.Entry<K, V> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /**
     * The partition's entries from this member's record store, or {@code null} when they cannot be
     * read here: the partition is not this member's, or an owner migration started or ended while
     * reading, or the map is still loading from its store.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <K, V> List<Map.Entry<K, V>> readInPlace(IMap<K, V> map, int partition) {
        if (!(map instanceof MapProxyImpl<K, V> proxy)) {
            return null;
        }
        MapService service = proxy.getService();
        MapServiceContext context = service.getMapServiceContext();
        IPartitionService partitions = context.getNodeEngine().getPartitionService();
        InternalSerializationService serialization =
                (InternalSerializationService) context.getNodeEngine().getSerializationService();
        int stamp = service.getMigrationStamp();
        if (!service.validateMigrationStamp(stamp) || !partitions.isPartitionOwner(partition)) {
            return null;
        }
        List<Map.Entry<K, V>> entries = new ArrayList<>();
        RecordStore<Record> store = context.getExistingRecordStore(partition, map.getName());
        if (store != null) {
            // Stored objects (OBJECT format) are copied: the function may change what it reads.
            boolean copy = store.getInMemoryFormat() == InMemoryFormat.OBJECT;
            try {
                store.forEachAfterLoad((key, record) -> {
                    Object value = record.getValue();
                    if (value != null) {
                        entries.add(new LazyMapEntry(key, copy && !(value instanceof Data)
                                ? serialization.toData(value) : value, serialization));
                    }
                }, false);
            } catch (RuntimeException stillLoading) {
                return null;
            }
        }
        if (!service.validateMigrationStamp(stamp) || !partitions.isPartitionOwner(partition)) {
            return null;
        }
        return entries;
    }
}
