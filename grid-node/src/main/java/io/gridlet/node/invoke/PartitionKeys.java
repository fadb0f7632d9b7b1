package io.gridlet.node.invoke;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.PartitionService;
import com.hazelcast.query.Predicates;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A key for every partition, found once per member, so that a partition can be addressed by id
 * through Hazelcast's public partition predicate. Reading a partition this way is one query
 * operation on the partition's current owner: it never runs while the partition migrates, so a
 * partition is read whole and once, wherever it is. Thread-safe after construction.
 */
final class PartitionKeys {

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
                    current = map.entrySet(Predicates.<K, V>partitionPredicate(keys[partitions[next++]],
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
}
