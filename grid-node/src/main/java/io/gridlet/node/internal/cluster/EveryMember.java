package io.gridlet.node.internal.cluster;

import com.hazelcast.core.IExecutorService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Asks every member the same question at once, through an executor, within one bound on the wait. */
public final class EveryMember {

    private static final Logger LOG = LoggerFactory.getLogger(EveryMember.class);

    private EveryMember() {
    }

    /**
     * The answers that came within {@code wait}, for all members together: a member cut off,
     * frozen or leaving is left out rather than holding up the others, so the list may be shorter
     * than the member list. Never blocks longer than {@code wait}.
     */
    public static <T> List<T> ask(IExecutorService executor, Callable<T> question, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        List<T> answers = new ArrayList<>();
        for (Future<T> answer : executor.submitToAllMembers(question).values()) {
            try {
                answers.add(answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                LOG.debug("A member did not answer {}", question.getClass().getSimpleName(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return answers;
    }
}
