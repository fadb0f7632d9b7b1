package io.gridlet.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlet.api.FunctionFailedException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What functions write through {@code ctx.logger()} is kept on the member that ran the call, and read from any. */
class FunctionLogsTest {

    private static final String SECRET = "token-that-must-not-leak";
    private static TestCluster cluster;

    @BeforeAll
    static void start() {
        cluster = TestCluster.start(3, builder -> builder.hideInLogs(List.of(SECRET)).functions(functions -> {
            functions.register("logs.echo", String.class, (input, ctx) -> {
                ctx.logger().info("got {}", input);
                return input;
            });
            functions.register("logs.fails", String.class, (input, ctx) -> {
                ctx.logger().warn("about to fail on {}", input);
                throw new IllegalStateException("no " + input);
            });
            functions.register("logs.secret", String.class, (input, ctx) -> {
                ctx.logger().info("the token is {}", input);
                return "";
            });
        }));
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void thirtyCallsOverThreeMembersAreReadFromAnyMemberEachWithItsMember() throws Exception {
        List<String> keys = IntStream.range(0, 30).mapToObj(i -> "k-" + i).toList();
        for (String key : keys) {
            cluster.node(0).invoker().invokeOnKey("logs.echo", "logged", key, key, String.class);
        }
        LogPage page = cluster.node(2).logs().read(LogQuery.of("logs.echo").limit(100));
        assertThat(page.truncated()).isFalse();
        assertThat(page.lines()).hasSize(30).allSatisfy(line -> {
            assertThat(line.level()).isEqualTo("INFO");
            assertThat(line.function()).isEqualTo("logs.echo");
            assertThat(line.version()).isEqualTo("1");
        });
        assertThat(page.lines()).extracting(LogLine::message)
                .containsExactlyInAnyOrderElementsOf(keys.stream().map(key -> "got " + key).toList());
        Set<String> members = cluster.nodes().stream().map(node -> node.localMember().getUuid().toString())
                .collect(Collectors.toSet());
        // Each line names the member that ran it: the owner of its key.
        for (LogLine line : page.lines()) {
            String key = line.message().substring("got ".length());
            assertThat(line.member()).isIn(members).isEqualTo(cluster.node(0).hazelcast().getPartitionService()
                    .getPartition(key).getOwner().getUuid().toString());
        }
        assertThat(page.lines().stream().map(LogLine::member).distinct().count()).isGreaterThan(1);
        assertThat(page.lines()).isSortedAccordingTo(java.util.Comparator.comparingLong(LogLine::time));

        InvocationFuture<String> one = cluster.node(1).invoker().callAsync(Invocation.of("logs.echo")
                .onKey("logged", "only-this").input("only-this").build(), String.class);
        one.get();
        LogPage itsLines = cluster.node(0).logs().read(LogQuery.of("logs.echo").invocation(one.invocationId()));
        assertThat(itsLines.lines()).singleElement().satisfies(line -> {
            assertThat(line.message()).isEqualTo("got only-this");
            assertThat(line.invocationId()).isEqualTo(one.invocationId());
        });
    }

    @Test
    void aFailedCallKeepsItsErrorWithTheFunctionsOwnFramesAfterItsLines() {
        assertThatThrownBy(() -> cluster.node(0).invoker().invoke(Invocation.of("logs.fails").input("luck").build(),
                String.class)).isInstanceOf(FunctionFailedException.class);
        List<LogLine> lines = cluster.node(1).logs().read(LogQuery.of("logs.fails")).lines();
        assertThat(lines).extracting(LogLine::level).containsExactly("WARN", "ERROR");
        assertThat(lines.get(0).message()).isEqualTo("about to fail on luck");
        assertThat(lines.get(1).message()).startsWith("call failed: java.lang.IllegalStateException: no luck")
                .contains("\tat io.gridlet.node.FunctionLogsTest").doesNotContain("io.gridlet.node.internal");
        assertThat(lines.get(1).invocationId()).isEqualTo(lines.get(0).invocationId());
        assertThat(cluster.node(0).logs().read(LogQuery.of("logs.fails").atLeast("ERROR")).lines()).hasSize(1);
    }

    @Test
    void aTokenNeverStaysInAKeptLine() {
        cluster.node(0).invoker().invoke(Invocation.of("logs.secret").input("Bearer " + SECRET).build(), String.class);
        assertThat(cluster.node(0).logs().read(LogQuery.of("logs.secret")).lines()).singleElement()
                .satisfies(line -> assertThat(line.message()).isEqualTo("the token is Bearer ***"));
    }

    @Test
    void theRingKeepsItsBoundDroppingTheOldestAndCountingThem() {
        try (TestCluster small = TestCluster.start(1, builder -> builder.logLines(5))) {
            GridNode node = small.node(0);
            node.functions().register("logs.many", Integer.class, (input, ctx) -> {
                ctx.logger().info("line {}", input);
                return input;
            });
            for (int i = 1; i <= 8; i++) {
                node.invoker().invoke(Invocation.of("logs.many").input(i).build(), Integer.class);
            }
            LogPage page = node.logs().read(LogQuery.of("logs.many"));
            assertThat(page.lines()).extracting(LogLine::message)
                    .containsExactly("line 4", "line 5", "line 6", "line 7", "line 8");
            assertThat(page.dropped()).isEqualTo(3);
            assertThat(node.meterRegistry().get("gridlet.logs.dropped").counter().count()).isEqualTo(3.0);
            assertThat(node.logs().read(LogQuery.of("logs.many").limit(2)).lines()).extracting(LogLine::message)
                    .containsExactly("line 7", "line 8");
        }
    }
}
