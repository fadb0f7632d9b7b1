package io.gridlet.management.rest;

import io.gridlet.node.GridNode;
import io.gridlet.node.InvocationRecord;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

/** The records of calls started with {@code async=true}. */
@Controller("/api/v1/invocations")
@ExecuteOn(TaskExecutors.BLOCKING)
public class InvocationsController {

    private final GridNode node;

    public InvocationsController(GridNode node) {
        this.node = node;
    }

    @Serdeable
    public record RecordView(String invocationId, String function, @Nullable String version, String state,
                             @Nullable Object result, @Nullable ErrorView error, @Nullable String member,
                             String startedAt, @Nullable String endedAt, @Nullable String traceId) {
    }

    @Serdeable
    public record ErrorView(String type, @Nullable String message) {
    }

    @Get("/{id}")
    public RecordView invocation(String id) {
        InvocationRecord record = node.invocations().get(id);
        return new RecordView(record.invocationId(), record.function(), record.version(), record.state().name(),
                record.output(), record.errorType() == null ? null : new ErrorView(record.errorType(), record.errorMessage()),
                record.member() == null ? null : record.member().toString(), record.startedAt().toString(),
                record.endedAt() == null ? null : record.endedAt().toString(), record.traceId());
    }
}
