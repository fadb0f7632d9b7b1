package io.gridlet.node.internal.stats;

import io.gridlet.node.internal.cluster.MemberContext;
import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.IMap;
import com.hazelcast.map.LocalMapStats;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridlet.node.internal.metrics.GridletMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.gridlet.node.MemberStats;
import io.gridlet.node.TriggerOutcome;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Asks one member what it holds: the partitions it owns and whether they are safe, each map's
 * owned and backup entries, its invocation counts by function, version and outcome, and its
 * triggers' counts and lag. It answers with a {@link MemberReport}.
 */
final class MemberStatsTask implements Callable<MemberReport>, IdentifiedDataSerializable, HazelcastInstanceAware {

    private transient HazelcastInstance hazelcast;

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.hazelcast = hazelcastInstance;
    }

    @Override
    public MemberReport call() {
        var local = hazelcast.getCluster().getLocalMember();
        int owned = ClusterStats.ownedPartitions(hazelcast);
        Map<String, MemberStats.MapEntries> maps = new HashMap<>();
        for (DistributedObject object : hazelcast.getDistributedObjects()) {
            if (object instanceof IMap<?, ?> map) {
                LocalMapStats entries = map.getLocalMapStats();
                maps.put(map.getName(), new MemberStats.MapEntries(entries.getOwnedEntryCount(),
                        entries.getBackupEntryCount()));
            }
        }
        List<MemberStats.FunctionCount> invocations = new ArrayList<>();
        List<MemberStats.FunctionTimes> times = new ArrayList<>();
        Map<String, Map<TriggerOutcome, Long>> triggerCounts = new TreeMap<>();
        Map<String, Long> lags = new HashMap<>();
        MeterRegistry meters = MemberContext.find(hazelcast, MeterRegistry.class);
        if (meters != null) {
            for (Counter counter : meters.find(GridletMeters.FUNCTION_INVOCATIONS).counters()) {
                invocations.add(new MemberStats.FunctionCount(counter.getId().getTag(GridletMeters.TAG_FUNCTION),
                        counter.getId().getTag(GridletMeters.TAG_VERSION),
                        counter.getId().getTag(GridletMeters.TAG_OUTCOME), (long) counter.count()));
            }
            for (Counter counter : meters.find(GridletMeters.TRIGGER_EVENTS).counters()) {
                TriggerOutcome outcome = TriggerOutcome.ofTag(counter.getId().getTag(GridletMeters.TAG_OUTCOME));
                if (outcome != null) {
                    triggerCounts.computeIfAbsent(counter.getId().getTag(GridletMeters.TAG_TRIGGER),
                            trigger -> new EnumMap<>(TriggerOutcome.class)).merge(outcome, (long) counter.count(), Long::sum);
                }
            }
            Map<List<String>, Long> inFlight = new HashMap<>();
            for (var gauge : meters.find(GridletMeters.FUNCTION_INFLIGHT).gauges()) {
                inFlight.put(List.of(gauge.getId().getTag(GridletMeters.TAG_FUNCTION),
                        gauge.getId().getTag(GridletMeters.TAG_VERSION)), (long) gauge.value());
            }
            for (Timer timer : meters.find(GridletMeters.FUNCTION_DURATION).timers()) {
                String function = timer.getId().getTag(GridletMeters.TAG_FUNCTION);
                String version = timer.getId().getTag(GridletMeters.TAG_VERSION);
                HistogramSnapshot snapshot = timer.takeSnapshot();
                List<MemberStats.Bucket> buckets = new ArrayList<>();
                for (CountAtBucket bucket : snapshot.histogramCounts()) {
                    buckets.add(new MemberStats.Bucket(bucket.bucket(TimeUnit.SECONDS), (long) bucket.count()));
                }
                // The calls the histogram counts: its last bucket's (counts are cumulative), not the
                // timer's count, which some registries keep over a longer span than their buckets.
                long calls = buckets.isEmpty() ? 0 : buckets.get(buckets.size() - 1).count();
                times.add(new MemberStats.FunctionTimes(function, version, calls,
                        inFlight.getOrDefault(List.of(function, version), 0L), buckets));
            }
            for (var gauge : meters.find(GridletMeters.TRIGGER_LAG).gauges()) {
                String trigger = gauge.getId().getTag(GridletMeters.TAG_TRIGGER);
                lags.put(trigger, (long) gauge.value());
                triggerCounts.computeIfAbsent(trigger, name -> new EnumMap<>(TriggerOutcome.class));
            }
        }
        List<MemberStats.TriggerCounts> triggers = new ArrayList<>();
        triggerCounts.forEach((trigger, counts) ->
                triggers.add(new MemberStats.TriggerCounts(trigger, counts, lags.getOrDefault(trigger, 0L))));
        return new MemberReport(new MemberStats(local.getUuid(), local.getAddress().getHost() + ":"
                + local.getAddress().getPort(), owned, maps, invocations, triggers, times,
                partitionTableSafe(hazelcast)));
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
        return StatsSerializerHook.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return StatsSerializerHook.MEMBER_STATS_TASK;
    }

    @Override
    public void writeData(ObjectDataOutput out) {
    }

    @Override
    public void readData(ObjectDataInput in) {
    }
}
