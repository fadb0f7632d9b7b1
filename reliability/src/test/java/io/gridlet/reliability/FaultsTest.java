package io.gridlet.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gridlet.node.TestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Three member JVMs under load (writes, idempotent invocations, events for an exactly-once
 * trigger) through one fault each: a SIGKILL, a graceful rolling restart, a SIGSTOP past the
 * failure detector's timeout. The history check then holds at zero: acknowledged writes lost,
 * calls without a typed error, calls past their deadline, idempotent calls applied twice,
 * trigger events lost. Each scenario's figures go to
 * {@code target/reliability/NAME.json}, its members' logs next to them.
 */
class FaultsTest {

    static final Duration LOAD = Duration.ofSeconds(Long.getLong("reliability.load-seconds", 6));
    static final Path RESULTS = Path.of(System.getProperty("reliability.results", "target/reliability"));

    private final List<MemberJvm> members = new ArrayList<>();
    private List<String> seeds;
    private String cluster;
    private Path log;
    private Workload load;

    @BeforeEach
    void startCluster(TestInfo test) throws java.io.IOException {
        List<Integer> ports = TestCluster.freePorts(3);
        seeds = ports.stream().map(port -> "127.0.0.1:" + port).toList();
        cluster = "faults-" + UUID.randomUUID();
        // The members' logs stay with the figures, to read when a check fails.
        Files.createDirectories(RESULTS);
        log = RESULTS.resolve(test.getTestMethod().orElseThrow().getName() + "-members.log");
        Files.deleteIfExists(log);
        for (int port : ports) {
            members.add(MemberJvm.start(cluster, port, seeds, log));
        }
        awaitSafe();
        assertThat(members.get(0).command("trigger " + Workload.TRIGGER, "TRIGGER")).isNotEmpty();
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> members.get(0).command("job " + Workload.TRIGGER, "JOB").equals("RUNNING"));
        load = new Workload(cluster, seeds);
        load.start();
    }

    @AfterEach
    void stopCluster() {
        if (load != null) {
            load.close();
        }
        members.forEach(MemberJvm::close);
    }

    @Test
    void killNineOfOneMemberUnderLoad(TestInfo test) throws Exception {
        runLoadFor(LOAD);
        members.get(1).kill();
        members.set(1, MemberJvm.start(cluster, members.get(1).port(), seeds, log));
        awaitSafe();
        runLoadFor(LOAD);
        finish(test);
    }

    @Test
    void gracefulRollingRestartUnderLoad(TestInfo test) throws Exception {
        runLoadFor(LOAD);
        for (int i = 0; i < members.size(); i++) {
            int port = members.get(i).port();
            members.get(i).stop();
            members.set(i, MemberJvm.start(cluster, port, seeds, log));
            awaitSafe();
            runLoadFor(LOAD.dividedBy(2));
        }
        finish(test);
    }

    @Test
    void memberPausedPastTheHeartbeatTimeoutThenResumed(TestInfo test) throws Exception {
        runLoadFor(LOAD);
        MemberJvm paused = members.get(2);
        paused.pause();
        // The others declare it dead once the failure detector's timeout has passed.
        Awaitility.await().atMost(Duration.ofSeconds(FaultMember.HEARTBEAT_TIMEOUT_SECONDS * 6L))
                .until(() -> members.get(0).command("members", "MEMBERS").equals("2"));
        runLoadFor(LOAD);
        paused.resume();
        // It finds itself alone, and merges back into the larger side.
        awaitSafe();
        runLoadFor(LOAD);
        // The resumed member fences itself (PauseFence) until it knows what became of it: before it
        // did, its leftover work raced the majority's, and 2 runs of 8 broke exactly-once.
        finish(test);
    }

    /** Lets the load run for a while, and at least until it has done more work. */
    private void runLoadFor(Duration duration) {
        long before = load.operations();
        long until = System.nanoTime() + duration.toNanos();
        Awaitility.await().atMost(duration.plusSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> System.nanoTime() >= until && load.operations() > before + 100);
    }

    private void awaitSafe() {
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> members.stream().allMatch(member -> member.command("safe", "SAFE").equals("true")));
    }

    private void finish(TestInfo test) throws Exception {
        load.stop();
        Figures figures = load.check(Duration.ofSeconds(120));
        Files.createDirectories(RESULTS);
        String name = test.getTestMethod().orElseThrow().getName();
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(RESULTS.resolve(name + ".json").toFile(),
                figures);
        System.out.println(name + ": " + figures);

        assertThat(figures.writesAcked()).as("the load wrote").isPositive();
        assertThat(figures.callsSucceeded()).as("the load called").isPositive();
        assertThat(figures.eventsAcked()).as("the load fed the trigger").isPositive();
        assertThat(figures.writesLost()).as("acknowledged writes lost").isZero();
        assertThat(figures.writesImpossible()).as("values never written").isZero();
        assertThat(figures.callsUntyped()).as("calls that failed without a typed error").isZero();
        assertThat(figures.callsHung()).as("calls that answered past their deadline").isZero();
        assertThat(figures.callsAppliedTwice()).as("idempotent calls applied twice").isZero();
        assertThat(figures.callsUnapplied()).as("calls never applied, even when repeated").isZero();
        assertThat(figures.eventsDeadLettered()).as("exactly-once trigger events dead-lettered (errors: %s)",
                figures.errors()).isZero();
        assertThat(figures.eventsLost()).as("exactly-once trigger events lost (errors: %s)", figures.errors()).isZero();
        assertThat(figures.eventsAppliedTwice()).as("exactly-once trigger events applied twice").isZero();
    }
}
