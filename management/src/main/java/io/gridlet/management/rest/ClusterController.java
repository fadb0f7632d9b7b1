package io.gridlet.management.rest;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import io.gridlet.node.GridNode;
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

    @Serdeable
    public record ClusterView(String name, String state, String version, List<MemberView> members,
                              int partitionCount, boolean safe) {
    }

    @Serdeable
    public record PartitionsView(String uuid, String address, int partitions, long entries) {
    }

    @Get
    public ClusterView cluster() {
        HazelcastInstance hazelcast = node.hazelcast();
        List<MemberView> members = hazelcast.getCluster().getMembers().stream()
                .map(ClusterController::view).toList();
        return new ClusterView(hazelcast.getConfig().getClusterName(), hazelcast.getCluster().getClusterState().name(),
                hazelcast.getCluster().getClusterVersion().toString(), members,
                hazelcast.getPartitionService().getPartitions().size(),
                hazelcast.getPartitionService().isClusterSafe());
    }

    @Get("/partitions")
    public List<PartitionsView> partitions() {
        return node.memberStats().stream().map(stats -> new PartitionsView(stats.member().toString(), stats.address(),
                stats.partitions(), stats.maps().entrySet().stream()
                        .filter(map -> !MapsController.internal(map.getKey()))
                        .mapToLong(map -> map.getValue().owned()).sum())).toList();
    }

    private static MemberView view(Member member) {
        return new MemberView(member.getUuid().toString(),
                member.getAddress().getHost() + ":" + member.getAddress().getPort(), member.localMember());
    }

}
