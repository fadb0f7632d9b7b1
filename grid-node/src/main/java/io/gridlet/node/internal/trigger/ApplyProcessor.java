package io.gridlet.node.internal.trigger;

import com.hazelcast.jet.core.AbstractProcessor;
import com.hazelcast.jet.core.Inbox;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies an exactly-once trigger's batches on one processor: every batch of its partitions comes
 * here, in journal order. It takes all that waits in its inbox at once and joins the batches of
 * each partition into one (up to {@link #MAX_EVENTS} events), so that a backlog costs one
 * transaction per partition, not one per journal read. Not cooperative: functions run on its thread.
 */
final class ApplyProcessor extends AbstractProcessor {

    /** The most events one transaction applies. */
    static final int MAX_EVENTS = 512;

    private final String map;
    private final String function;
    private final String resultMap;
    private TriggerRunner runner;
    private final String trigger;
    /** The next sequence of each partition this processor wrote a mark for. */
    private final Map<Integer, Long> known = new java.util.HashMap<>();

    ApplyProcessor(String trigger, String map, String function, String resultMap) {
        this.trigger = trigger;
        this.map = map;
        this.function = function;
        this.resultMap = resultMap;
    }

    @Override
    protected void init(Context context) {
        runner = TriggerRunner.on(context.hazelcastInstance(), trigger, map, function, resultMap);
    }

    @Override
    public boolean isCooperative() {
        return false;
    }

    @Override
    public void process(int ordinal, Inbox inbox) {
        Map<Integer, TriggerBatch> joined = new LinkedHashMap<>();
        for (Object item; (item = inbox.poll()) != null; ) {
            TriggerBatch batch = (TriggerBatch) item;
            TriggerBatch before = joined.get(batch.partition());
            if (before != null && before.events().size() + batch.events().size() > MAX_EVENTS) {
                // That partition's batch so far goes first, and on its own: its order is kept.
                runner.applyOnce(List.of(joined.remove(batch.partition())), known);
                before = null;
            }
            joined.put(batch.partition(), before == null ? batch : before.then(batch));
        }
        if (!joined.isEmpty()) {
            runner.applyOnce(joined.values(), known);
        }
    }
}
