package io.gridlet.management.rest;

import io.gridlet.node.GridNode;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** The cluster's Jet jobs: one per map-event trigger, and any the grid's users started. */
@Controller("/api/v1/jobs")
@ExecuteOn(TaskExecutors.BLOCKING)
public class JobsController {

    private final GridNode node;

    public JobsController(GridNode node) {
        this.node = node;
    }

    @Serdeable
    public record JobView(String id, String name, String status, String submittedAt) {
    }

    @Get
    public List<JobView> jobs() {
        return node.hazelcast().getJet().getJobs().stream()
                .map(job -> new JobView(job.getIdString(), job.getName(), job.getStatus().name(),
                        Instant.ofEpochMilli(job.getSubmissionTime()).toString()))
                .toList();
    }
}
