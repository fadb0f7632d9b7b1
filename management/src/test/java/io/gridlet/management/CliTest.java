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
