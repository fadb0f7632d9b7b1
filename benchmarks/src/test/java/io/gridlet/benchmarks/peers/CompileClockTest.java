package io.gridlet.benchmarks.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The peers harness reads a member's compile time from outside it, as it does for every grid's members. */
class CompileClockTest {

    /** A member stand-in: compiles a loop, then waits for its input to end. */
    public static final class Member {
        public static void main(String[] args) throws Exception {
            long sum = 0;
            for (int i = 0; i < 50_000_000; i++) {
                sum += Long.numberOfTrailingZeros(i ^ sum);
            }
            System.out.println("READY " + sum);
            while (System.in.read() >= 0) {
                // until the test closes its input
            }
        }
    }

    @Test
    @Timeout(120)
    void readsTheCompileTimeOfTheChildJvmsBesidesItsOwn() throws Exception {
        String launcher = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process member = new ProcessBuilder(launcher, "-cp", System.getProperty("java.class.path"), Member.class.getName())
                .redirectErrorStream(true).start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(member.getInputStream(), StandardCharsets.UTF_8));
            assertThat(output.readLine()).as("the member's first line").startsWith("READY");
            try (CompileClock clock = CompileClock.ofMembers()) {
                assertThat(clock.members()).isEqualTo(1);
                long own = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
                long both = clock.millis();
                assertThat(both).as("this JVM's and the member's compile time").isGreaterThan(own);
            }
        } finally {
            member.destroyForcibly().waitFor();
        }
    }
}
