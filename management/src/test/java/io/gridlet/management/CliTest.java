package io.gridlet.management;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlet.management.cli.GridletCommand;
import io.gridlet.node.TestJars;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line against a real node: tables, JSON, and the exit codes of the contract. */
class CliTest {

    static TestNodes nodes;

    @BeforeAll
    static void start() {
        nodes = TestNodes.start(1, Map.of());
    }

    @AfterAll
    static void stop() {
        nodes.close();
    }

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        if (args.length > 0 && !args[0].equals("help")) {
            all.add("--url=" + nodes.uri(0, "").toString());
            if (!String.join(" ", args).contains("--token")) {
                all.add("--token=" + TestNodes.ADMIN);
            }
        }
        CommandLine cli = new CommandLine(new GridletCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .setExitCodeExceptionMapper(error -> error instanceof CommandLine.ParameterException ? 2 : 1);
        int code = cli.execute(all.toArray(new String[0]));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void deployInvokeAndListFromTheShell(@TempDir Path temp) throws Exception {
        Path jar = temp.resolve("greet.jar");
        Files.write(jar, TestJars.jar("cli.Greet", "cli.greet", "String", "String", "return \"hello \" + input;"));
        Run deployed = run("deploy", jar.toString(), "--version", "7");
        assertThat(deployed.exitCode()).as(deployed.err()).isZero();
        assertThat(deployed.out()).contains("deployed [\"cli.greet\"] at version 7");

        Run invoked = run("invoke", "cli.greet", "\"ada\"", "--key", "k1");
        assertThat(invoked.exitCode()).isZero();
        assertThat(invoked.out()).contains("\"hello ada\"").contains("version 7");
        assertThat(run("invoke", "cli.greet", "\"ada\"", "--json").out().trim()).isEqualTo("\"hello ada\"");
        Run async = run("invoke", "cli.greet", "\"bob\"", "--async");
        assertThat(async.out()).startsWith("started invocation ");

        assertThat(run("functions").out()).contains("cli.greet").contains("7");
        assertThat(run("functions", "cli.greet").out()).contains("live 7");
        assertThat(run("cluster").out()).contains("1 members").contains("(this node)");
        nodes.json(0, "PUT", "/api/v1/maps/cli-map/entries/a", TestNodes.ADMIN, "1");
        assertThat(run("maps").out()).contains("cli-map");
        assertThat(run("maps", "--json").out()).contains("\"name\" : \"cli-map\"");
    }

    @Test
    void logsPrintsAFunctionsLinesAndFollowsNewOnes(@TempDir Path temp) throws Exception {
        Path jar = temp.resolve("talk.jar");
        Files.write(jar, TestJars.jar("cli.Talk", "cli.talk", "String", "String",
                "ctx.logger().info(\"heard {}\", input); return input;"));
        assertThat(run("deploy", jar.toString(), "--version", "1").exitCode()).isZero();
        String id = nodes.json(0, "POST", "/api/v1/functions/cli.talk/invoke", TestNodes.ADMIN, "\"one\"").headers()
                .firstValue("Gridlet-Invocation").orElseThrow();
        nodes.json(0, "POST", "/api/v1/functions/cli.talk/invoke", TestNodes.ADMIN, "\"two\"");

        Run all = run("logs", "cli.talk", "--since", "10m");
        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out()).contains("INFO").contains("heard one").contains("heard two").contains(id);
        Run one = run("logs", "cli.talk", "--invocation", id);
        assertThat(one.out()).contains("heard one").doesNotContain("heard two");
        assertThat(run("logs", "cli.talk", "--json").out()).contains("\"message\" : \"heard two\"");
        assertThat(run("logs", "cli.talk", "--since", "last week").exitCode()).isEqualTo(2);
        assertThat(run("logs", "cli.talk", "--level", "LOUD").exitCode()).isEqualTo(1);

        // --follow prints what comes, until stopped.
        StringWriter followed = new StringWriter();
        Thread follower = new Thread(() -> new CommandLine(new GridletCommand()).setOut(new PrintWriter(followed))
                .execute("logs", "cli.talk", "--follow", "--limit", "1", "--url=" + nodes.uri(0, ""),
                        "--token=" + TestNodes.VIEWER));
        follower.setDaemon(true);
        follower.start();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> followed.toString().contains("heard two"));
        nodes.json(0, "POST", "/api/v1/functions/cli.talk/invoke", TestNodes.ADMIN, "\"three\"");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> followed.toString().contains("heard three"));
        assertThat(followed.toString()).doesNotContain("heard one");
        follower.interrupt();
    }

    @Test
    void exitCodesFollowTheContract() {
        assertThat(run("invoke", "no.such.function").exitCode()).isEqualTo(3);
        assertThat(run("functions", "no.such.function").exitCode()).isEqualTo(3);
        assertThat(run("invoke", "cli.x", "{not json").exitCode()).isEqualTo(1);
        Run unauthorized = run("maps", "--token", "wrong");
        assertThat(unauthorized.exitCode()).isEqualTo(1);
        assertThat(unauthorized.err()).contains("Unauthorized");
        assertThat(run("invoke").exitCode()).isEqualTo(2);
        assertThat(run("deploy", "/no/such/file.jar").exitCode()).isEqualTo(2);
    }
}
