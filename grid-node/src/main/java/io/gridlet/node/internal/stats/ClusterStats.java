package io.gridlet.node.internal.stats;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import io.gridlet.node.MemberStats;
import io.gridlet.node.internal.cluster.EveryMember;
import io.gridlet.node.internal.cluster.HazelcastConfigFactory;
import com.hazelcast.partition.Partition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Asks every member what it holds, within a bound on the wait. Thread-safe. */
public final class ClusterStats {

    private final IExecutorService admin;

    public ClusterStats(HazelcastInstance hazelcast) {
        this.admin = hazelcast.getExecutorService(HazelcastConfigFactory.ADMIN_EXECUTOR);
    }

    /**
     * The members' answers, by address, waiting at most {@code wait} for all of them together: a
     * member that does not answer in time (cut off, frozen or leaving) is left out, so the list may
     * be shorter than the member list. Never blocks longer than {@code wait}.
     */
    public List<MemberStats> ask(Duration wait) {
        Objects.requireNonNull(wait, "wait");
        List<MemberStats> stats = new ArrayList<>();
        for (MemberReport report : EveryMember.ask(admin, new MemberStatsTask(), wait)) {
            stats.add(report.stats());
        }
        stats.sort(Comparator.comparing(MemberStats::address));
        return stats;
    }

    /** The partitions {@code member} owns, as it sees the partition table. */
    public static int ownedPartitions(HazelcastInstance member) {
        int owned = 0;
        for (Partition partition : member.getPartitionService().getPartitions()) {
            if (partition.getOwner() != null && partition.getOwner().localMember()) {
                owned++;
            }
        }
        return owned;
    }
}
