package io.gridlet.node.internal;

import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.IMap;
import com.hazelcast.map.LocalMapStats;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import com.hazelcast.partition.Partition;
import io.gridlet.node.internal.GridletSerialization;
import io.gridlet.node.metrics.GridletMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.concurrent.Callable;

/**
 * Asks one member what it holds: the partitions it owns and whether they are safe, each map's
 * owned and backup entries, and its invocation counters by function, version and outcome. The answer is made of maps, strings
 * and numbers only, so any member or client reads it.
 */
public final class MemberStatsTask implements Callable<HashMap<String, Object>>, IdentifiedDataSerializable,
        HazelcastInstanceAware {

    /** The key under which a member's user context holds its meter registry. */
    public static final String METERS_KEY = "io.gridlet.meters";

    private transient HazelcastInstance hazelcast;

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.hazelcast = hazelcastInstance;
    }

    @Override
    public HashMap<String, Object> call() {
        HashMap<String, Object> stats = new HashMap<>();
        var local = hazelcast.getCluster().getLocalMember();
        stats.put("uuid", local.getUuid().toString());
        stats.put("address", local.getAddress().getHost() + ":" + local.getAddress().getPort());
        int owned = 0;
        for (Partition partition : hazelcast.getPartitionService().getPartitions()) {
            if (partition.getOwner() != null && partition.getOwner().localMember()) {
                owned++;
            }
        }
        stats.put("partitions", owned);
        stats.put("safe", partitionTableSafe(hazelcast));
        HashMap<String, long[]> maps = new HashMap<>();
        for (DistributedObject object : hazelcast.getDistributedObjects()) {
            if (object instanceof IMap<?, ?> map) {
                LocalMapStats local2 = map.getLocalMapStats();
                maps.put(map.getName(), new long[] {local2.getOwnedEntryCount(), local2.getBackupEntryCount()});
            }
        }
        stats.put("maps", maps);
        HashMap<String, Double> invocations = new HashMap<>();
        Object meters = hazelcast.getUserContext().get(METERS_KEY);
        if (meters instanceof MeterRegistry registry) {
            for (Counter counter : registry.find(GridletMeters.FUNCTION_INVOCATIONS).counters()) {
                invocations.put(counter.getId().getTag(GridletMeters.TAG_FUNCTION) + "|"
                        + counter.getId().getTag(GridletMeters.TAG_VERSION) + "|"
                        + counter.getId().getTag(GridletMeters.TAG_OUTCOME), counter.count());
            }
        }
        stats.put("invocations", invocations);
        HashMap<String, Double> triggers = new HashMap<>();
        if (meters instanceof MeterRegistry registry) {
            for (Counter counter : registry.find(GridletMeters.TRIGGER_EVENTS).counters()) {
                triggers.put(counter.getId().getTag(GridletMeters.TAG_TRIGGER) + "|"
                        + counter.getId().getTag(GridletMeters.TAG_OUTCOME), counter.count());
            }
            for (var gauge : registry.find(GridletMeters.TRIGGER_LAG).gauges()) {
                triggers.put(gauge.getId().getTag(GridletMeters.TAG_TRIGGER) + "|lag", gauge.value());
            }
        }
        stats.put("triggers", triggers);
        return stats;
    }

    /**
     * Whether every partition this member knows of has its owners and none is migrating, as this
     * member sees it. Not {@code isLocalMemberSafe()}: that one asks every backup whether it is in
     * sync and waits up to 10 s for the answers, so a stats request would hang on a member cut off.
     */
    static boolean partitionTableSafe(HazelcastInstance hazelcast) {
        com.hazelcast.instance.impl.HazelcastInstanceImpl member =
                hazelcast instanceof com.hazelcast.instance.impl.HazelcastInstanceProxy proxy ? proxy.getOriginal()
                        : (com.hazelcast.instance.impl.HazelcastInstanceImpl) hazelcast;
        return ((com.hazelcast.internal.partition.impl.InternalPartitionServiceImpl) member.node.getPartitionService())
                .isPartitionTableSafe();
    }

    @Override
    public int getFactoryId() {
        return GridletSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return GridletSerialization.MEMBER_STATS_TASK;
    }

    @Override
    public void writeData(ObjectDataOutput out) {
    }

    @Override
    public void readData(ObjectDataInput in) {
    }
}
