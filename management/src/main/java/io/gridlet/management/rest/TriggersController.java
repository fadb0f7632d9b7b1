package io.gridlet.management.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.gridlet.api.BadInputException;
import io.gridlet.node.GridNode;
import io.gridlet.node.DeadLetter;
import io.gridlet.node.ReplayResult;
import io.gridlet.node.Guarantee;
import io.gridlet.node.MapEventTrigger;
import io.gridlet.node.ScheduleTrigger;
import io.gridlet.node.TopicTrigger;
import io.gridlet.node.TriggerDefinition;
import io.gridlet.node.TriggerStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Triggers: create, list, delete, and their dead letters. */
@Controller("/api/v1/triggers")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TriggersController {

    /** Reads and writes dead letters' JSON; configured once, never changed. */
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final GridNode node;
    private final BodyLimits limits;

    public TriggersController(GridNode node, BodyLimits limits) {
        this.node = node;
        this.limits = limits;
    }

    @Serdeable
    public record TriggerView(String name, String function, String type, @Nullable String map,
                              @Nullable List<String> events, @Nullable Long intervalMillis, @Nullable String cron,
                              @Nullable String missed, @Nullable String topic,
                              @Nullable String resultMap, String guarantee, long processed, long retried, long failed,
                              long deadLettered, long lost, long lagMillis, @Nullable String jobStatus) {

        static TriggerView of(TriggerStatus status) {
            TriggerDefinition definition = status.definition();
            MapEventTrigger onMap = definition instanceof MapEventTrigger map ? map : null;
            ScheduleTrigger schedule = definition instanceof ScheduleTrigger timed ? timed : null;
            return new TriggerView(definition.name(), definition.function(), definition.type(),
                    onMap == null ? null : onMap.map(),
                    onMap == null ? null : onMap.events().stream().map(Enum::name).toList(),
                    schedule == null ? null : schedule.intervalMillis(), schedule == null ? null : schedule.cron(),
                    schedule == null ? null : schedule.missed().text(),
                    definition instanceof TopicTrigger topic ? topic.topic() : null,
                    onMap == null ? null : onMap.resultMap(),
                    onMap == null ? Guarantee.AT_LEAST_ONCE.text() : onMap.guarantee().text(),
                    status.processed(), status.retried(), status.retried(), status.deadLettered(), status.lost(),
                    status.lagMillis(), status.jobStatus());
        }
    }

    @Serdeable
    public record Replayed(int replayed, int remaining) {
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<TriggerView> create(@Body byte[] body) {
        TriggerDefinition definition = TriggerDefinition.fromJson(limits.json(body));
        return HttpResponse.status(HttpStatus.CREATED).body(TriggerView.of(node.triggers().create(definition)));
    }

    @Get
    public List<TriggerView> list() {
        return node.triggers().list().stream().map(TriggerView::of).toList();
    }

    @Get("/{name}")
    public TriggerView get(String name) {
        return TriggerView.of(node.triggers().get(name));
    }

    @Delete("/{name}")
    public HttpResponse<Void> delete(String name) {
        node.triggers().delete(name);
        return HttpResponse.noContent();
    }

    @Get(uri = "/{name}/dead-letters", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> deadLetters(String name) throws IOException {
        List<JsonNode> letters = new ArrayList<>();
        for (DeadLetter letter : node.triggers().deadLetters(name)) {
            var parsed = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(letter.json());
            parsed.put("id", letter.id());
            letters.add(parsed);
        }
        return HttpResponse.ok(JSON.writeValueAsBytes(letters));
    }

    @Post("/{name}/dead-letters/replay")
    public Replayed replay(String name) {
        ReplayResult result = node.triggers().replay(name);
        return new Replayed(result.replayed(), result.remaining());
    }
}
