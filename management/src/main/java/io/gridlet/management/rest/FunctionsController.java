package io.gridlet.management.rest;

import io.gridlet.api.BadInputException;
import io.gridlet.node.FanOut;
import io.gridlet.node.FanOutResult;
import io.gridlet.node.GridNode;
import io.gridlet.node.MemberStats;
import io.gridlet.node.DeployOptions;
import io.gridlet.node.DeployResult;
import io.gridlet.node.FunctionInfo;
import io.gridlet.node.FunctionVersion;
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
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Deploy, list, activate, undeploy and broadcast functions; {@link InvokeController} invokes them. */
@Controller("/api/v1/functions")
@ExecuteOn(TaskExecutors.BLOCKING)
public class FunctionsController {

    static final String JAR = "application/java-archive";

    private final GridNode node;
    private final BodyLimits limits;
    private final JsonValues json;

    public FunctionsController(GridNode node, BodyLimits limits) {
        this.node = node;
        this.limits = limits;
        this.json = new JsonValues();
    }

    @Serdeable
    public record Deployed(List<String> functions, String version, String sha256, boolean unchanged) {
    }

    @Serdeable
    public record VersionView(String version, String sha256, String className, long timeoutMillis,
                              int maxConcurrency, String description, boolean transactional,
                              boolean partitionThread, long deployedAt, String deployedBy) {
    }

    @Serdeable
    public record FunctionView(String name, List<VersionView> versions, String live, @Nullable String canary,
                               int canaryPercent, @Nullable Map<String, Double> counters,
                               @Nullable Map<String, TimesView> times) {
    }

    /**
     * One version's run times over the whole cluster: every member's histogram buckets summed, so
     * the percentiles are the cluster's, not one member's; {@code null} percentiles when no call ran.
     */
    @Serdeable
    public record TimesView(long calls, long inFlight, @Nullable Double p50Millis, @Nullable Double p99Millis) {
    }

    @Serdeable
    public record Canary(String version, int percent) {
    }

    @Serdeable
    public record Activation(String version, @Nullable Canary canary) {
    }

    @Serdeable
    public record PartialView(String member, int partitions, @Nullable Object output) {
    }

    @Serdeable
    public record Broadcast(List<PartialView> results, int partitions, @Nullable Object reduced) {
    }

    @Post
    @Consumes(JAR)
    public HttpResponse<Deployed> deploy(@Body byte[] jar, @Nullable @QueryValue String version,
                                         @Nullable Authentication caller) {
        DeployResult result = node.deployments().deploy(jar, new DeployOptions(version,
                caller == null ? "unknown" : caller.getName(), true));
        return HttpResponse.status(HttpStatus.CREATED).body(new Deployed(result.functions(), result.version(),
                result.sha256(), result.unchanged()));
    }

    @Get
    public List<FunctionView> functions() {
        List<FunctionView> views = new ArrayList<>();
        for (FunctionInfo info : node.deployments().list()) {
            views.add(view(info, null, null));
        }
        return views;
    }

    @Get("/{name}")
    public FunctionView function(String name) {
        FunctionInfo info = node.deployments().get(name);
        Map<String, Double> counters = new TreeMap<>();
        Map<String, List<MemberStats.FunctionTimes>> byVersion = new TreeMap<>();
        for (MemberStats stats : node.memberStats(GridCalls.MEMBER_WAIT)) {
            for (MemberStats.FunctionCount count : stats.invocations()) {
                if (count.function().equals(name)) {
                    counters.merge(count.version() + "|" + count.outcome(), (double) count.count(), Double::sum);
                }
            }
            for (MemberStats.FunctionTimes times : stats.times()) {
                if (times.function().equals(name)) {
                    byVersion.computeIfAbsent(times.version(), version -> new ArrayList<>()).add(times);
                }
            }
        }
        Map<String, TimesView> times = new TreeMap<>();
        byVersion.forEach((version, members) -> {
            MemberStats.FunctionTimes cluster = MemberStats.FunctionTimes.sum(members);
            times.put(version, new TimesView(cluster.calls(), cluster.inFlight(), millis(cluster.quantile(0.5)),
                    millis(cluster.quantile(0.99))));
        });
        return view(info, counters, times);
    }

    @Post("/{name}/activate")
    public FunctionView activate(String name, @Body Activation activation) {
        if (activation.version() == null || activation.version().isBlank()) {
            throw new BadInputException("activate needs a version");
        }
        Canary canary = activation.canary();
        return view(node.deployments().activate(name, activation.version(), canary == null ? null : canary.version(),
                canary == null ? 0 : canary.percent()), null, null);
    }

    @Delete("/{name}")
    public HttpResponse<Void> undeploy(String name, @Nullable @QueryValue String version) {
        node.deployments().undeploy(name, version);
        return HttpResponse.noContent();
    }

    @Post("/{name}/broadcast")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.ALL})
    public Broadcast broadcast(String name, @Nullable @Body byte[] body, @QueryValue String map,
                               @Nullable @QueryValue String version, @Nullable @QueryValue String reduce,
                               @Nullable @QueryValue Long timeoutMillis) {
        FanOut fanOut;
        try {
            fanOut = FanOut.of(name, Names.map(map)).withInput(json.input(limits.json(body)));
            if (version != null) {
                fanOut = fanOut.withVersion(version);
            }
            if (timeoutMillis != null) {
                fanOut = fanOut.withTimeout(Duration.ofMillis(timeoutMillis));
            }
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        FanOutResult<Object> result = node.invoker().fanOut(fanOut, Object.class);
        List<PartialView> partials = result.partials().stream()
                .map(p -> new PartialView(p.member().toString(), p.partitions(), p.output())).toList();
        Object reduced = null;
        if ("sum".equals(reduce)) {
            double sum = 0;
            for (FanOutResult.Partial<Object> partial : result.partials()) {
                if (!(partial.output() instanceof Number number)) {
                    throw new BadInputException("reduce=sum needs numbers, but a member answered " + partial.output());
                }
                sum += number.doubleValue();
            }
            reduced = sum == Math.rint(sum) && Math.abs(sum) < 9.0e15 ? (Object) (long) sum : (Object) sum;
        } else if (reduce != null) {
            throw new BadInputException("reduce must be sum, or absent for the results per member: " + reduce);
        }
        return new Broadcast(partials, result.partitions(), reduced);
    }

    private static Double millis(double seconds) {
        return Double.isNaN(seconds) ? null : seconds * 1000;
    }

    private static FunctionView view(FunctionInfo info, Map<String, Double> counters, Map<String, TimesView> times) {
        List<VersionView> versions = new ArrayList<>();
        for (FunctionVersion version : info.versions()) {
            var spec = version.spec();
            versions.add(new VersionView(version.version(), version.sha256(), version.className(),
                    spec.timeout().toMillis(), spec.maxConcurrency(), spec.description(), spec.transactional(),
                    spec.partitionThread(),
                    version.deployedAt(), version.deployedBy()));
        }
        return new FunctionView(info.name(), versions, info.live(), info.canary(), info.canaryPercent(), counters,
                times);
    }
}
