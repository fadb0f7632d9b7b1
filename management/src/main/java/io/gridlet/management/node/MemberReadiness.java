package io.gridlet.management.node;

import com.hazelcast.core.HazelcastInstance;
import io.gridlet.node.GridNode;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Ready once the member has joined and its partitions are safe: each it owns has its backups in
 * sync, so that taking traffic, or letting the next member of a rolling update go, loses nothing.
 * Until then {@code /health/readiness} answers 503 with the reason.
 *
 * <p>Hazelcast's safety check asks every backup whether it is in sync and waits up to 10 s for the
 * answers, so with a member cut off it would hold the probe that long. It runs on a thread of its
 * own instead; the probe waits for it at most {@link #WAIT_MILLIS} and otherwise answers with the
 * last result it had, saying so.
 */
@Singleton
@Readiness
public class MemberReadiness implements HealthIndicator {

    static final long WAIT_MILLIS = 500;

    private final GridNode node;
    private final ExecutorService checker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gridlet-readiness");
        thread.setDaemon(true);
        return thread;
    });
    private Future<Boolean> check;
    private Boolean lastSafe;

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
        } else {
            Boolean safe = safe(hazelcast, details);
            if (safe == null || !safe) {
                status = HealthStatus.DOWN;
                details.putIfAbsent("reason", "the member's partitions are not yet safe (migrating or backups out of sync)");
            } else {
                status = HealthStatus.UP;
            }
        }
        details.put("members", hazelcast.getLifecycleService().isRunning()
                ? hazelcast.getCluster().getMembers().size() : 0);
        return Mono.just(HealthResult.builder("gridlet-member", status).details(details).build());
    }

    /** The safety check's answer within {@link #WAIT_MILLIS}, or the last one; null if there is none yet. */
    private synchronized Boolean safe(HazelcastInstance hazelcast, Map<String, Object> details) {
        if (check == null || check.isDone()) {
            check = checker.submit(() -> hazelcast.getPartitionService().isLocalMemberSafe());
        }
        try {
            lastSafe = check.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            return lastSafe;
        } catch (TimeoutException e) {
            details.put("reason", "the safety check did not answer within " + WAIT_MILLIS
                    + " ms (a member may be unreachable); this is its last result");
            return lastSafe;
        } catch (ExecutionException e) {
            details.put("reason", "the safety check failed: " + e.getCause());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return lastSafe;
        }
    }

    @PreDestroy
    void close() {
        checker.shutdownNow();
    }
}
