package io.gridlet.node.internal.trigger;

import io.gridlet.node.DeadLetter;
import io.gridlet.node.ReplayResult;
import io.gridlet.node.Guarantee;
import io.gridlet.node.MapEventTrigger;
import io.gridlet.node.MissedFiring;
import io.gridlet.node.ScheduleTrigger;
import io.gridlet.node.TopicTrigger;
import io.gridlet.node.TriggerDefinition;
import io.gridlet.node.TriggerOutcome;
import io.gridlet.node.TriggerNotFoundException;
import io.gridlet.node.TriggerStatus;
import io.gridlet.node.Triggers;
import io.gridlet.node.internal.cluster.SplitBrainGuard;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.config.EventJournalConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.jet.config.ProcessingGuarantee;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.Traversers;
import com.hazelcast.jet.pipeline.ServiceFactories;
import io.gridlet.node.internal.invoke.CallTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import com.hazelcast.jet.pipeline.Sinks;
import com.hazelcast.jet.pipeline.StreamStage;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.query.Predicates;
import com.hazelcast.scheduledexecutor.DuplicateTaskException;
import com.hazelcast.scheduledexecutor.IScheduledExecutorService;
import com.hazelcast.scheduledexecutor.IScheduledFuture;
import com.hazelcast.scheduledexecutor.ScheduledTaskHandler;
import com.hazelcast.scheduledexecutor.TaskUtils;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import com.hazelcast.topic.ReliableMessageListener;
import io.gridlet.api.BadInputException;
import io.gridlet.api.GridletException;
import io.gridlet.api.VersionConflictException;
import io.gridlet.node.Invocation;
import io.gridlet.node.Invoker;
import io.gridlet.node.MemberStats;
import io.gridlet.node.Payload;
import io.gridlet.node.internal.codec.PayloadCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Triggers kept in the grid ({@value #DEFINITIONS}) and run by Hazelcast: a Jet job per map-event
 * trigger (at-least-once or exactly-once: snapshots every second, so a member's death replays, never
 * skips), a chain of one-shot tasks on the durable scheduled executor per schedule (each firing
 * schedules the next), and a reliable-topic listener on
 * every member per topic trigger, of which only the owner of the trigger's partition invokes.
 */
public final class GridTriggers implements Triggers, AutoCloseable {

    public static final String DEFINITIONS = "gridlet.triggers";
    public static final String DEAD_LETTERS = "gridlet.deadletters";
    public static final String SCHEDULER = "gridlet.schedules";
    /** Each schedule's next firing time, so that a firing lost with its member can be put back. */
    public static final String NEXT_FIRINGS = "gridlet.schedule-next";
    /** Journal capacity given to a map that gets its first map-event trigger: shared by all partitions. */
    static final int JOURNAL_CAPACITY = 1_000_000;
    private static final Logger LOG = LoggerFactory.getLogger(GridTriggers.class);

    private final HazelcastInstance hazelcast;
    private final Invoker invoker;
    private final Supplier<List<MemberStats>> stats;
    private final IMap<String, String> definitions;
    private final IMap<String, HazelcastJsonValue> deadLetters;
    private final ObjectMapper json;
    private final PayloadCodec codec = new PayloadCodec();
    private final Map<String, UUID> topicListeners = new ConcurrentHashMap<>();
    private UUID definitionListener;
    private UUID membershipListener;
    private final java.util.concurrent.ExecutorService recovery = java.util.concurrent.Executors.newSingleThreadExecutor(
            runnable -> {
                Thread thread = new Thread(runnable, "gridlet-schedule-recovery");
                thread.setDaemon(true);
                return thread;
            });

    private final SplitBrainGuard splitBrain;
    private final CallTracing tracing;
    private final SuspendedJobs suspendedJobs;

    public GridTriggers(HazelcastInstance hazelcast, Invoker invoker, Supplier<List<MemberStats>> stats,
                        SplitBrainGuard splitBrain, CallTracing tracing) {
        this.hazelcast = Objects.requireNonNull(hazelcast, "hazelcast");
        this.tracing = Objects.requireNonNull(tracing, "tracing");
        this.splitBrain = Objects.requireNonNull(splitBrain, "splitBrain");
        this.invoker = Objects.requireNonNull(invoker, "invoker");
        this.stats = Objects.requireNonNull(stats, "stats");
        this.definitions = hazelcast.getMap(DEFINITIONS);
        this.deadLetters = hazelcast.getMap(DEAD_LETTERS);
        this.json = codec.mapper();
        this.suspendedJobs = new SuspendedJobs(hazelcast, this::mapEventTriggers, splitBrain::present);
    }

    /** Follows the definitions: this member listens to the topics of topic triggers. */
    public void start() {
        definitionListener = definitions.addEntryListener(new DefinitionListener(), true);
        membershipListener = hazelcast.getCluster().addMembershipListener(new com.hazelcast.cluster.MembershipListener() {
            @Override
            public void memberAdded(com.hazelcast.cluster.MembershipEvent event) {
                // nothing to put back: no firing was lost
            }

            @Override
            public void memberRemoved(com.hazelcast.cluster.MembershipEvent event) {
                recovery.execute(GridTriggers.this::recoverSchedules);
            }
        });
        for (String value : definitions.values()) {
            follow(parse(value));
        }
        suspendedJobs.start();
    }

    /** The names of the map-event triggers defined now. */
    private List<String> mapEventTriggers() {
        List<String> names = new ArrayList<>();
        for (String value : definitions.values()) {
            if (parse(value) instanceof MapEventTrigger onMap) {
                names.add(onMap.name());
            }
        }
        return names;
    }

    @Override
    public TriggerStatus create(TriggerDefinition definition) {
        Objects.requireNonNull(definition, "definition");
        splitBrain.require("creating trigger " + definition.name());
        String text = definition.toJson();
        boolean newJournal = definition instanceof MapEventTrigger onMap && journal(onMap.map());
        String existing = definitions.putIfAbsent(definition.name(), text);
        if (existing != null && !parse(existing).equals(definition)) {
            throw new VersionConflictException("trigger " + definition.name() + " exists with another definition;"
                    + " delete it first");
        }
        if (definition instanceof MapEventTrigger onMap) {
            hazelcast.getJet().newJobIfAbsent(pipeline(onMap, newJournal),
                    new JobConfig().setName(jobName(onMap.name()))
                            // At-least-once for both: an exactly-once trigger's applied marks
                            // skip what a replay brings again, so Jet need not align its barriers.
                            .setProcessingGuarantee(ProcessingGuarantee.AT_LEAST_ONCE)
                            .setSnapshotIntervalMillis(1_000)
                            // A failure suspends the job with its snapshot, and SuspendedJobs resumes it.
                            .setSuspendOnFailure(true)
                            .setSplitBrainProtection(protectedFromSplitBrain()));
        } else if (definition instanceof ScheduleTrigger schedule) {
            schedule(schedule);
        } else {
            follow(definition);
        }
        LOG.info("Trigger {} created: {} on {}", definition.name(), definition.function(), definition.type());
        return get(definition.name());
    }

    /**
     * Gives the map an event journal, sized for triggers. The journal of a map is fixed when the
     * map is first used, so a map already in use without one is refused, with the reason.
     *
     * @return whether the journal is new: it then holds only events since this trigger, and the
     *         trigger reads it from the oldest, so no event written after its creation is missed
     *         while its job starts
     */
    private boolean journal(String map) {
        MapConfig config = hazelcast.getConfig().findMapConfig(map);
        if (config.getEventJournalConfig().isEnabled()) {
            return false;
        }
        boolean inUse = hazelcast.getDistributedObjects().stream()
                .anyMatch(object -> object.getName().equals(map) && object.getServiceName().equals("hz:impl:mapService"));
        if (inUse) {
            throw new BadInputException("map " + map + " is already in use without an event journal; a map-event"
                    + " trigger must be created before the map's first use");
        }
        hazelcast.getConfig().addMapConfig(new MapConfig(config).setName(map)
                .setEventJournalConfig(new EventJournalConfig().setEnabled(true).setCapacity(JOURNAL_CAPACITY)));
        return true;
    }

    /** Processors per member applying an exactly-once trigger's batches. */
    static final int APPLY_PARALLELISM = 8;

    private static Pipeline pipeline(MapEventTrigger definition, boolean fromOldest) {
        String trigger = definition.name();
        String map = definition.map();
        String function = definition.function();
        String resultMap = definition.resultMap();
        Set<String> types = new HashSet<>();
        definition.events().forEach(type -> types.add(type.name()));
        Pipeline pipeline = Pipeline.create();
        StreamStage<TriggerBatch> batches = pipeline
                .readFrom(JournalSource.of(map, fromOldest, types))
                .withoutTimestamps()
                .setName("events of " + map);
        if (definition.guarantee() == Guarantee.EXACTLY_ONCE) {
            // Rebalanced by a key of the batch's partition: every batch of a partition goes to one
            // processor, on the member the job gave the partition, in journal order, so its applied
            // mark only grows. Results are written by the processor, after each commit.
            batches.rebalance(TriggerBatch::routingKey)
                    .<Object>customTransform("apply " + function + " once",
                            () -> new ApplyProcessor(trigger, map, function, resultMap))
                    // A batch's transaction mostly waits on its owner and backup, not the CPU:
                    // more processors than cores keep more partitions' batches in flight.
                    .setLocalParallelism(APPLY_PARALLELISM)
                    .writeTo(Sinks.noop());
            return pipeline;
        }
        // Non-cooperative: the function runs on this thread, and may block.
        var runners = ServiceFactories.sharedService(context ->
                TriggerRunner.on(context.hazelcastInstance(), trigger, map, function, resultMap)).toNonCooperative();
        StreamStage<Map.Entry<Object, Object>> results = batches
                .flatMapUsingService(runners, (runner, batch) -> Traversers.traverseIterable(runner.handle(batch)))
                .setName("invoke " + function);
        results.writeTo(resultMap == null ? Sinks.noop() : Sinks.map(resultMap));
        return pipeline;
    }

    private void schedule(ScheduleTrigger definition) {
        long now = System.currentTimeMillis();
        chain(definition.name(), Schedules.next(definition, now, now));
    }

    /** Schedules the firing due at {@code at}: a durable one-shot task, named by its trigger and time. */
    @SuppressWarnings("unchecked")
    private void chain(String trigger, long at) {
        if (at == Long.MAX_VALUE) {
            return;
        }
        try {
            hazelcast.<String, Long>getMap(NEXT_FIRINGS).set(trigger, at);
            // Every firing of a trigger lives in the partition of its name: one owner, one backup.
            hazelcast.getScheduledExecutorService(SCHEDULER).scheduleOnKeyOwner(
                    TaskUtils.named(taskName(trigger) + "@" + at, TaskUtils.autoDisposable(new ScheduleFiring(trigger, at))),
                    trigger, Math.max(0, at - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
        } catch (DuplicateTaskException alreadyScheduled) {
            LOG.debug("The firing of {} at {} is already scheduled", trigger, at);
        }
    }

    /**
     * Puts back each schedule's next firing after a member left: a firing that ran on a member as
     * it shut down could not schedule its successor. A firing still pending is left alone (its
     * name is taken); one that already ran runs again under the same idempotency key, so its
     * function does not apply twice, and chains the next.
     */
    void recoverSchedules() {
        try {
            IMap<String, Long> next = hazelcast.getMap(NEXT_FIRINGS);
            for (String value : definitions.values()) {
                TriggerDefinition definition = parse(value);
                Long at = definition instanceof ScheduleTrigger ? next.get(definition.name()) : null;
                if (at != null) {
                    chain(definition.name(), at);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not check the schedules after a member left: {}", e.getMessage());
        }
    }

    /**
     * A firing due at {@code scheduledAt} runs on the member holding its task: invoke once, with
     * the scheduled time as the idempotency key, then schedule the next. A firing later than a
     * period (no member could run it) runs once, or is skipped, as the trigger's policy says.
     */
    void fire(String trigger, long scheduledAt) {
        String value = definitions.get(trigger);
        if (value == null) {
            return;
        }
        if (!(parse(value) instanceof ScheduleTrigger definition)) {
            return;
        }
        long now = System.currentTimeMillis();
        long next = Schedules.next(definition, now, scheduledAt);
        boolean missed = now - scheduledAt > Math.max(1_000, next - scheduledAt);
        // The firing is its trace's root; the call it makes is its child.
        Span span = tracing.startFiring("schedule " + trigger, trigger);
        Scope scope = span == null ? null : span.makeCurrent();
        String outcome = "success";
        try {
            if (inMinority()) {
                outcome = "unavailable";
                LOG.warn("Schedule {} did not fire: fewer members in sight than split-brain protection needs", trigger);
            } else if (missed && definition.missed() == MissedFiring.SKIP) {
                outcome = "skipped";
            } else {
                ObjectNode input = json.createObjectNode();
                input.put("trigger", trigger);
                input.put("firedAt", scheduledAt);
                invoker.invoke(Invocation.of(definition.function())
                        .input(new Payload(Payload.JSON, json.writeValueAsBytes(input)))
                        .idempotencyKey("schedule/" + trigger + "/" + scheduledAt).build(), Object.class);
            }
        } catch (GridletException | IOException e) {
            outcome = e.getClass().getSimpleName();
            LOG.warn("Schedule {} could not invoke {}: {}", trigger, definition.function(), e.getMessage());
        } finally {
            if (scope != null) {
                scope.close();
            }
            CallTracing.end(span, outcome, !"success".equals(outcome) && !"skipped".equals(outcome));
            chain(trigger, next);
        }
    }

    private boolean protectedFromSplitBrain() {
        return splitBrain.enabled();
    }

    /** True when split-brain protection is on and this member has lost its quorum. */
    boolean inMinority() {
        return !splitBrain.present();
    }

    /** Listens to a topic trigger's topic on this member. */
    private void follow(TriggerDefinition any) {
        if (!(any instanceof TopicTrigger definition) || topicListeners.containsKey(definition.name())) {
            return;
        }
        ITopic<Object> topic = hazelcast.getReliableTopic(definition.topic());
        UUID id = topic.addMessageListener(new TopicRelay(definition));
        if (topicListeners.putIfAbsent(definition.name(), id) != null) {
            topic.removeMessageListener(id);
        }
    }

    private void unfollow(TriggerDefinition any) {
        if (!(any instanceof TopicTrigger definition)) {
            return;
        }
        UUID id = topicListeners.remove(definition.name());
        if (id != null) {
            hazelcast.getReliableTopic(definition.topic()).removeMessageListener(id);
        }
    }

    @Override
    public List<TriggerStatus> list() {
        List<TriggerStatus> statuses = new ArrayList<>();
        List<MemberStats> members = stats.get();
        for (String value : definitions.values()) {
            statuses.add(status(parse(value), members));
        }
        statuses.sort(Comparator.comparing(status -> status.definition().name()));
        return statuses;
    }

    @Override
    public TriggerStatus get(String name) {
        String value = definitions.get(name);
        if (value == null) {
            throw new TriggerNotFoundException(name);
        }
        return status(parse(value), stats.get());
    }

    private TriggerStatus status(TriggerDefinition definition, List<MemberStats> members) {
        long[] counts = new long[TriggerOutcome.values().length];
        long lag = 0;
        for (MemberStats member : members) {
            for (MemberStats.TriggerCounts trigger : member.triggers()) {
                if (trigger.trigger().equals(definition.name())) {
                    trigger.counts().forEach((outcome, count) -> counts[outcome.ordinal()] += count);
                    lag = Math.max(lag, trigger.lagMillis());
                }
            }
        }
        String jobStatus = null;
        if (definition instanceof MapEventTrigger) {
            Job job = hazelcast.getJet().getJob(jobName(definition.name()));
            jobStatus = job == null ? "NOT_STARTED" : job.getStatus().name();
        }
        return new TriggerStatus(definition, counts[TriggerOutcome.SUCCESS.ordinal()],
                counts[TriggerOutcome.RETRIED.ordinal()], counts[TriggerOutcome.DEAD_LETTER.ordinal()],
                counts[TriggerOutcome.LOST.ordinal()], lag, jobStatus);
    }

    @Override
    public void delete(String name) {
        splitBrain.require("deleting trigger " + name);
        String value = definitions.remove(name);
        if (value == null) {
            throw new TriggerNotFoundException(name);
        }
        TriggerDefinition definition = parse(value);
        hazelcast.getMap(NEXT_FIRINGS).delete(name);
        if (definition instanceof MapEventTrigger onMap) {
            Job job = hazelcast.getJet().getJob(jobName(name));
            if (job != null) {
                job.cancel();
            }
            if (onMap.guarantee() == Guarantee.EXACTLY_ONCE) {
                // A trigger made again under this name starts from marks of its own.
                IMap<AppliedMark, AppliedBatch> marks = hazelcast.getMap(AppliedMark.MAP);
                int partitions = hazelcast.getPartitionService().getPartitions().size();
                for (int partition = 0; partition < partitions; partition++) {
                    marks.deleteAsync(AppliedMark.of(hazelcast, name, partition));
                }
            }
        } else if (definition instanceof ScheduleTrigger) {
            for (List<IScheduledFuture<Object>> futures : hazelcast.getScheduledExecutorService(SCHEDULER)
                    .<Object>getAllScheduledFutures().values()) {
                for (IScheduledFuture<Object> future : futures) {
                    ScheduledTaskHandler handler = future.getHandler();
                    if (handler.getTaskName().startsWith(taskName(name) + "@")) {
                        future.dispose();
                    }
                }
            }
        } else if (definition instanceof TopicTrigger onTopic) {
            unfollow(onTopic);
        }
        LOG.info("Trigger {} deleted", name);
    }

    @Override
    public List<DeadLetter> deadLetters(String name) {
        get(name);
        List<DeadLetter> letters = new ArrayList<>();
        for (Map.Entry<String, HazelcastJsonValue> letter : deadLetters.entrySet(
                Predicates.like("__key", name + "/%"))) {
            letters.add(new DeadLetter(letter.getKey(), letter.getValue().getValue()));
        }
        letters.sort(Comparator.comparing(DeadLetter::json));
        return letters;
    }

    @Override
    public ReplayResult replay(String name) {
        TriggerDefinition definition = get(name).definition();
        String resultMap = definition instanceof MapEventTrigger onMap ? onMap.resultMap() : null;
        splitBrain.require("replaying the dead letters of trigger " + name);
        int replayed = 0;
        int remaining = 0;
        for (DeadLetter letter : deadLetters(name)) {
            try {
                JsonNode stored = json.readTree(letter.json());
                JsonNode key = stored.get("event").get("key");
                Object routing = key.isTextual() ? key.asText() : key.isIntegralNumber() ? (Object) key.asLong() : null;
                Invocation.Builder call = Invocation.of(definition.function())
                        .input(new Payload(Payload.JSON, json.writeValueAsBytes(stored.get("event"))));
                if (routing != null) {
                    call.key(routing);
                }
                Payload output = invoker.invoke(call.build(), Payload.class);
                Object value = codec.toStoredValue(output);
                if (resultMap != null && value != null && routing != null) {
                    hazelcast.getMap(resultMap).set(routing, value);
                }
                deadLetters.delete(letter.id());
                replayed++;
            } catch (GridletException | IOException e) {
                remaining++;
            }
        }
        return new ReplayResult(replayed, remaining);
    }

    private static TriggerDefinition parse(String value) {
        try {
            return TriggerDefinition.fromJson(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (BadInputException e) {
            throw new IllegalStateException("a stored trigger definition cannot be read: " + e.getMessage(), e);
        }
    }

    static String jobName(String trigger) {
        return "gridlet-trigger-" + trigger;
    }

    static String taskName(String trigger) {
        return "gridlet-schedule-" + trigger;
    }

    @Override
    public void close() {
        recovery.shutdownNow();
        suspendedJobs.close();
        if (definitionListener != null && hazelcast.getLifecycleService().isRunning()) {
            definitions.removeEntryListener(definitionListener);
            hazelcast.getCluster().removeMembershipListener(membershipListener);
        }
    }

    /** Starts and stops this member's topic listeners as definitions come and go. */
    private final class DefinitionListener implements EntryAddedListener<String, String>,
            EntryRemovedListener<String, String> {

        @Override
        public void entryAdded(EntryEvent<String, String> event) {
            follow(parse(event.getValue()));
        }

        @Override
        public void entryRemoved(EntryEvent<String, String> event) {
            if (event.getOldValue() != null) {
                unfollow(parse(event.getOldValue()));
            }
        }
    }

    /**
     * Every member listens; only the member that owns the trigger's partition invokes, so each
     * message runs once, and the message's sequence is its idempotency key, so a message seen by
     * two owners across a migration still completes once.
     */
    private final class TopicRelay implements ReliableMessageListener<Object> {
        private final TopicTrigger definition;
        private volatile long sequence;

        TopicRelay(TopicTrigger definition) {
            this.definition = definition;
        }

        @Override
        public void onMessage(Message<Object> message) {
            var owner = hazelcast.getPartitionService().getPartition(definition.name()).getOwner();
            if (owner == null || !owner.localMember()) {
                return;
            }
            if (inMinority()) {
                LOG.warn("Topic trigger {} refused a message: fewer members in sight than split-brain protection needs",
                        definition.name());
                return;
            }
            // The message is its trace's root: a topic carries no context from its publisher.
            Span span = tracing.startFiring("message " + definition.topic(), definition.name());
            Scope scope = span == null ? null : span.makeCurrent();
            String outcome = "success";
            try {
                invoker.invoke(Invocation.of(definition.function()).input(message.getMessageObject())
                        .idempotencyKey("topic/" + definition.name() + "/" + sequence).build(), Object.class);
            } catch (GridletException e) {
                outcome = e.getClass().getSimpleName();
                LOG.warn("Topic trigger {} could not invoke {}: {}", definition.name(), definition.function(),
                        e.getMessage());
            } finally {
                if (scope != null) {
                    scope.close();
                }
                CallTracing.end(span, outcome, !"success".equals(outcome));
            }
        }

        @Override
        public long retrieveInitialSequence() {
            return -1;
        }

        @Override
        public void storeSequence(long next) {
            this.sequence = next;
        }

        @Override
        public boolean isLossTolerant() {
            return true;
        }

        @Override
        public boolean isTerminal(Throwable failure) {
            return false;
        }
    }
}
