package io.gridlet.node.internal.stats;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridlet.node.MemberStats;
import io.gridlet.node.TriggerOutcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A member's {@link MemberStats} as it travels back to the member or client that asked. */
final class MemberReport implements IdentifiedDataSerializable {

    private MemberStats stats;

    MemberReport() {
    }

    MemberReport(MemberStats stats) {
        this.stats = stats;
    }

    MemberStats stats() {
        return stats;
    }

    @Override
    public int getFactoryId() {
        return StatsSerializerHook.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return StatsSerializerHook.MEMBER_REPORT;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(stats.member().getMostSignificantBits());
        out.writeLong(stats.member().getLeastSignificantBits());
        out.writeString(stats.address());
        out.writeInt(stats.partitions());
        out.writeBoolean(stats.safe());
        out.writeInt(stats.maps().size());
        for (Map.Entry<String, MemberStats.MapEntries> map : stats.maps().entrySet()) {
            out.writeString(map.getKey());
            out.writeLong(map.getValue().owned());
            out.writeLong(map.getValue().backup());
        }
        out.writeInt(stats.invocations().size());
        for (MemberStats.FunctionCount count : stats.invocations()) {
            out.writeString(count.function());
            out.writeString(count.version());
            out.writeString(count.outcome());
            out.writeLong(count.count());
        }
        out.writeInt(stats.triggers().size());
        for (MemberStats.TriggerCounts trigger : stats.triggers()) {
            out.writeString(trigger.trigger());
            out.writeLong(trigger.lagMillis());
            out.writeInt(trigger.counts().size());
            for (Map.Entry<TriggerOutcome, Long> count : trigger.counts().entrySet()) {
                out.writeString(count.getKey().tag());
                out.writeLong(count.getValue());
            }
        }
        out.writeInt(stats.times().size());
        for (MemberStats.FunctionTimes times : stats.times()) {
            out.writeString(times.function());
            out.writeString(times.version());
            out.writeLong(times.calls());
            out.writeLong(times.inFlight());
            out.writeInt(times.buckets().size());
            for (MemberStats.Bucket bucket : times.buckets()) {
                out.writeDouble(bucket.upperBoundSeconds());
                out.writeLong(bucket.count());
            }
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        UUID member = new UUID(in.readLong(), in.readLong());
        String address = in.readString();
        int partitions = in.readInt();
        boolean safe = in.readBoolean();
        Map<String, MemberStats.MapEntries> maps = new HashMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            maps.put(in.readString(), new MemberStats.MapEntries(in.readLong(), in.readLong()));
        }
        List<MemberStats.FunctionCount> invocations = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            invocations.add(new MemberStats.FunctionCount(in.readString(), in.readString(), in.readString(),
                    in.readLong()));
        }
        List<MemberStats.TriggerCounts> triggers = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            String trigger = in.readString();
            long lag = in.readLong();
            Map<TriggerOutcome, Long> counts = new EnumMap<>(TriggerOutcome.class);
            for (int j = in.readInt(); j > 0; j--) {
                TriggerOutcome outcome = TriggerOutcome.ofTag(in.readString());
                long count = in.readLong();
                if (outcome != null) {
                    counts.put(outcome, count);
                }
            }
            triggers.add(new MemberStats.TriggerCounts(trigger, counts, lag));
        }
        List<MemberStats.FunctionTimes> times = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            String function = in.readString();
            String version = in.readString();
            long calls = in.readLong();
            long inFlight = in.readLong();
            List<MemberStats.Bucket> buckets = new ArrayList<>();
            for (int j = in.readInt(); j > 0; j--) {
                buckets.add(new MemberStats.Bucket(in.readDouble(), in.readLong()));
            }
            times.add(new MemberStats.FunctionTimes(function, version, calls, inFlight, buckets));
        }
        stats = new MemberStats(member, address, partitions, maps, invocations, triggers, times, safe);
    }
}
