package io.gridlet.management.rest;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import io.gridlet.node.GridNode;
import io.gridlet.node.MemberStats;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The cluster: who is in it, and what each member holds. */
@Controller("/api/v1/cluster")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ClusterController {

    private final GridNode node;

    public ClusterController(GridNode node) {
        this.node = node;
    }

    @Serdeable
    public record MemberView(String uuid, String address, boolean local) {
    }

    /**
     * @param safe whether every member's partitions are safe (none migrating, backups in sync);
     *             null when a member did not say so within {@link GridCalls#MEMBER_WAIT}
     */
    @Serdeable
    public record ClusterView(String name, String state, String version, List<MemberView> members,
                              int partitionCount, @Nullable Boolean safe) {
    }

    @Serdeable
    public record PartitionsView(String uuid, String address, int partitions, long entries) {
    }

    /**
     * Answers from this member's own view, and asks the others only whether they are safe, for at
     * most {@link GridCalls#MEMBER_WAIT}: Hazelcast's own cluster-wide safety check waits on a lost
     * member for seconds.
     */
    @Get
    public ClusterView cluster() {
        HazelcastInstance hazelcast = node.hazelcast();
        java.util.Set<Member> current = hazelcast.getCluster().getMembers();
        List<MemberView> members = current.stream().map(ClusterController::view).toList();
        List<MemberStats> answers = node.memberStats(GridCalls.MEMBER_WAIT);
        Boolean safe = answers.size() < current.size() ? null : answers.stream().allMatch(MemberStats::safe);
        return new ClusterView(hazelcast.getConfig().getClusterName(), hazelcast.getCluster().getClusterState().name(),
                hazelcast.getCluster().getClusterVersion().toString(), members,
                hazelcast.getPartitionService().getPartitions().size(), safe);
    }

    @Get("/partitions")
    public List<PartitionsView> partitions() {
        return node.memberStats(GridCalls.MEMBER_WAIT).stream().map(stats -> new PartitionsView(stats.member().toString(), stats.address(),
                stats.partitions(), stats.maps().entrySet().stream()
                        .filter(map -> !MapsController.internal(map.getKey()))
                        .mapToLong(map -> map.getValue().owned()).sum())).toList();
    }

    private static MemberView view(Member member) {
        return new MemberView(member.getUuid().toString(),
                member.getAddress().getHost() + ":" + member.getAddress().getPort(), member.localMember());
    }

}
