package io.gridlet.management.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.gridlet.api.BadInputException;
import io.gridlet.node.GridNode;
import io.gridlet.node.trigger.DeadLetter;
import io.gridlet.node.trigger.ReplayResult;
import io.gridlet.node.trigger.TriggerDefinition;
import io.gridlet.node.trigger.TriggerStatus;
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
                              @Nullable String resultMap, String guarantee, long processed, long failed,
                              long deadLettered, long lost, long lagMillis, @Nullable String jobStatus) {

        static TriggerView of(TriggerStatus status) {
            TriggerDefinition definition = status.definition();
            return new TriggerView(definition.name(), definition.function(), definition.type(), definition.map(),
                    definition.events(), definition.intervalMillis(), definition.cron(), definition.missed(),
                    definition.topic(), definition.resultMap(),
                    definition.guarantee(), status.processed(), status.retried(), status.deadLettered(), status.lost(),
                    status.lagMillis(), status.jobStatus());
        }
    }

    @Serdeable
    public record Replayed(int replayed, int remaining) {
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<TriggerView> create(@Body byte[] body) {
        TriggerDefinition definition;
        try {
            definition = node.codec().mapper().readValue(limits.json(body), TriggerDefinition.class);
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof BadInputException bad) {
                throw bad;
            }
            throw new BadInputException("the trigger definition is not valid: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadInputException("the trigger definition is not valid JSON of a trigger: "
                    + (e instanceof com.fasterxml.jackson.core.JsonProcessingException json ? json.getOriginalMessage()
                    : e.getMessage()));
        }
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
            var parsed = (com.fasterxml.jackson.databind.node.ObjectNode) node.codec().mapper().readTree(letter.json());
            parsed.put("id", letter.id());
            letters.add(parsed);
        }
        return HttpResponse.ok(node.codec().mapper().writeValueAsBytes(letters));
    }

    @Post("/{name}/dead-letters/replay")
    public Replayed replay(String name) {
        ReplayResult result = node.triggers().replay(name);
        return new Replayed(result.replayed(), result.remaining());
    }
}
