package io.gridlet.benchmarks.peers.ignite;

import io.gridlet.benchmarks.harness.Payloads;
import java.util.concurrent.CompletableFuture;
import org.apache.ignite.compute.ComputeJob;
import org.apache.ignite.compute.JobExecutionContext;
import org.apache.ignite.table.KeyValueView;

/**
 * The scenarios' colocated compute jobs, Ignite 3's way to run code where a key's data lives. Ignite 3
 * has no entry processor, so a read-modify-write that no concurrent one may interleave is a
 * compare-and-set loop in the job: a read, then {@code replace(old, new)}, each an implicit
 * transaction on the key's primary replica. (An explicit transaction reads under a shared lock, and
 * two increments of one key then abort each other as a possible deadlock, IGN-TX-4.) The argument
 * is {@code TABLE KEY}.
 */
final class Jobs {

    private Jobs() {
    }

    /** Reads the bytes, increments their first 8 (a counter), writes them back if no one else did meanwhile. */
    public static final class ReadModifyWrite implements ComputeJob<String, Long> {
        @Override
        public CompletableFuture<Long> executeAsync(JobExecutionContext context, String tableAndKey) {
            String[] target = tableAndKey.split(" ");
            KeyValueView<String, byte[]> view = context.ignite().tables().table(target[0])
                    .keyValueView(String.class, byte[].class);
            while (true) {
                byte[] value = view.get(null, target[1]);
                byte[] changed = value.clone();
                long counter = Payloads.increment(changed);
                if (view.replace(null, target[1], value, changed)) {
                    return CompletableFuture.completedFuture(counter);
                }
            }
        }
    }

    /** Touches nothing. */
    public static final class Trivial implements ComputeJob<String, Long> {
        @Override
        public CompletableFuture<Long> executeAsync(JobExecutionContext context, String tableAndKey) {
            return CompletableFuture.completedFuture(1L);
        }
    }

    /** Increments a long counter, again if another increment came between its read and its write: the new value. */
    public static final class Increment implements ComputeJob<String, Long> {
        @Override
        public CompletableFuture<Long> executeAsync(JobExecutionContext context, String tableAndKey) {
            String[] target = tableAndKey.split(" ");
            KeyValueView<String, Long> view = context.ignite().tables().table(target[0])
                    .keyValueView(String.class, Long.class);
            while (true) {
                Long current = view.get(null, target[1]);
                long next = current == null ? 1 : current + 1;
                if (current == null ? view.putIfAbsent(null, target[1], next)
                        : view.replace(null, target[1], current, next)) {
                    return CompletableFuture.completedFuture(next);
                }
            }
        }
    }
}
