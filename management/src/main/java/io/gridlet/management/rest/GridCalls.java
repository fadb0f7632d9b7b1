package io.gridlet.management.rest;

import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import io.gridlet.node.GridErrors;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * How a controller calls the grid: what Hazelcast throws comes out as the typed Gridlet error
 * ({@link GridErrors}), named after what the request was doing, so that no grid exception reaches
 * the API's caller as a 500.
 */
final class GridCalls {

    /**
     * How long a management read waits for the other members: during a membership change one of
     * them may never answer, and the read answers without it rather than hang.
     */
    static final Duration MEMBER_WAIT = Duration.ofMillis(800);

    private GridCalls() {
    }

    static <T> T call(String action, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (HazelcastException | HazelcastInstanceNotActiveException e) {
            throw GridErrors.translate(e, action);
        }
    }

    static void run(String action, Runnable operation) {
        call(action, () -> {
            operation.run();
            return null;
        });
    }
}
