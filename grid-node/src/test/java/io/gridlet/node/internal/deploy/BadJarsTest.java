package io.gridlet.node.internal.deploy;

import io.gridlet.node.DeployLimits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlet.api.BadInputException;
import io.gridlet.node.GridNode;
import io.gridlet.node.TestCluster;
import io.gridlet.node.TestJars;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each bad jar gets a bad-input error naming what is wrong, and leaves nothing half-deployed. */
class BadJarsTest {

    static TestCluster cluster;
    static GridNode node;

    @BeforeAll
    static void startCluster() {
        cluster = TestCluster.start(1, builder -> builder.deployLimits(new DeployLimits(1 << 20, 10 << 20, 100)));
        node = cluster.node(0);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @AfterEach
    void nothingWasLeftBehind() {
        assertThat(node.hazelcast().getMap(GridDeployments.CATALOG).size()).isZero();
        assertThat(node.hazelcast().getMap(GridDeployments.ARTIFACTS).size()).isZero();
        assertThat(node.functions().registered()).isEmpty();
    }

    static void assertRefused(byte[] jar, String reason) {
        assertThatThrownBy(() -> node.deployments().deploy(jar))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(reason);
    }

    static byte[] zip(int entries, int entryBytes, boolean random) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] content = new byte[entryBytes];
        if (random) {
            new Random(7).nextBytes(content);
        }
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < entries; i++) {
                zip.putNextEntry(new ZipEntry("data/" + i));
                zip.write(content);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void garbageBytes() {
        assertRefused("this is not a jar at all".getBytes(), "not a jar");
        assertRefused(new byte[0], "the jar is empty");
    }

    @Test
    void anEmptyJarOrOneWithoutTheServicesFile() throws IOException {
        assertRefused(zip(0, 0, false), "not a jar");
        assertRefused(TestJars.builder().withoutServicesFile().build(), "has no META-INF/services/io.gridlet.api.GridFunction");
        assertRefused(TestJars.builder()
                .source("x.Fine", "package x; public class Fine { }")
                .withoutServicesFile().build(), "has no META-INF/services/io.gridlet.api.GridFunction");
        assertRefused(TestJars.builder().build(), "lists no class");
    }

    @Test
    void aListedClassThatIsMissingOrNotAFunction() {
        assertRefused(TestJars.builder().source("x.Plain", "package x; public class Plain { }").service("x.Plain")
                .build(), "class x.Plain does not implement io.gridlet.api.GridFunction");
        assertRefused(TestJars.builder().source("x.Plain", "package x; public class Plain { }").service("x.Gone")
                .build(), "class x.Gone is listed in META-INF/services/io.gridlet.api.GridFunction but is not in the jar");
        assertRefused(TestJars.builder().source("x.Bare", """
                package x;
                public class Bare implements io.gridlet.api.GridFunction<Object, Object> {
                    public Object apply(Object in, io.gridlet.api.FunctionContext ctx) { return in; }
                }""").service("x.Bare").build(), "class x.Bare has no @io.gridlet.api.Function");
        assertRefused(TestJars.builder().service("not a class").build(), "which is not a class name");
    }

    @Test
    void oneNameTwice() {
        byte[] jar = TestJars.builder()
                .function("x.First", "same.name", "Object", "Object", "return 1;")
                .function("x.Second", "same.name", "Object", "Object", "return 2;")
                .build();
        assertRefused(jar, "function name same.name is declared twice, by x.First and x.Second");
    }

    @Test
    void aZipBombAnOversizedJarAndTooManyEntries() throws IOException {
        byte[] bomb = zip(1, 20 << 20, false);
        assertThat(bomb.length).isLessThan(1 << 20);
        assertRefused(bomb, "inflates to more than 10485760 bytes");
        assertRefused(zip(1, 2 << 20, true), "more than the limit of 1048576");
        assertRefused(zip(101, 1, false), "more than 100 entries");
    }

    @Test
    void aConstructorOrStaticInitializerThatThrows() {
        assertRefused(TestJars.builder().source("x.Ctor", """
                package x;
                @io.gridlet.api.Function(name = "ctor")
                public class Ctor implements io.gridlet.api.GridFunction<Object, Object> {
                    public Ctor() { throw new IllegalStateException("no database"); }
                    public Object apply(Object in, io.gridlet.api.FunctionContext ctx) { return in; }
                }""").service("x.Ctor").build(), "the constructor of x.Ctor threw java.lang.IllegalStateException: no database");
        assertRefused(TestJars.builder().source("x.Static", """
                package x;
                @io.gridlet.api.Function(name = "static")
                public class Static implements io.gridlet.api.GridFunction<Object, Object> {
                    static final int VALUE = Integer.parseInt("not a number");
                    public Object apply(Object in, io.gridlet.api.FunctionContext ctx) { return VALUE; }
                }""").service("x.Static").build(), "the static initializer of x.Static threw java.lang.NumberFormatException");
        assertRefused(TestJars.builder().source("x.Hidden", """
                package x;
                @io.gridlet.api.Function(name = "hidden")
                public class Hidden implements io.gridlet.api.GridFunction<Object, Object> {
                    private Hidden() { }
                    public Object apply(Object in, io.gridlet.api.FunctionContext ctx) { return in; }
                }""").service("x.Hidden").build(), "has no public no-arg constructor");
    }

    @Test
    void aJarCannotProvidePlatformClasses() {
        assertRefused(TestJars.builder().service("io.gridlet.api.GridFunction").build(),
                "a class of the platform, which a jar cannot provide or replace");
        assertRefused(TestJars.builder().service("com.hazelcast.map.IMap").build(), "a class of the platform");
    }
}
