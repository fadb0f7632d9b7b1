package io.gridlet.management.node;

import com.hazelcast.core.HazelcastInstance;
import io.gridlet.node.GridNode;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Ready once the member has joined and its partitions are safe: each it owns has its backups in
 * sync, so that taking traffic, or letting the next member of a rolling update go, loses nothing.
 * Until then {@code /health/readiness} answers 503 with the reason.
 */
@Singleton
@Readiness
public class MemberReadiness implements HealthIndicator {

    private final GridNode node;

    public MemberReadiness(GridNode node) {
        this.node = node;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        HazelcastInstance hazelcast = node.hazelcast();
        Map<String, Object> details = new LinkedHashMap<>();
        HealthStatus status;
        if (!hazelcast.getLifecycleService().isRunning()) {
            status = HealthStatus.DOWN;
            details.put("reason", "the member is not running");
        } else if (!hazelcast.getPartitionService().isLocalMemberSafe()) {
            status = HealthStatus.DOWN;
            details.put("reason", "the member's partitions are not yet safe (migrating or backups out of sync)");
        } else {
            status = HealthStatus.UP;
        }
        details.put("members", hazelcast.getLifecycleService().isRunning()
                ? hazelcast.getCluster().getMembers().size() : 0);
        return Mono.just(HealthResult.builder("gridlet-member", status).details(details).build());
    }
}
