package io.gridlet.benchmarks.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlet.node.KeyRoutedTransport;
import org.junit.jupiter.api.Test;

/**
 * Runs each benchmark body a few times outside JMH, so that a benchmark cannot rot: the full
 * runs are not part of the test suite.
 */
class BenchmarkSmokeTest {

    @Test
    void localInvokeBenchmarkBodiesRun() {
        LocalInvokeBenchmark bench = new LocalInvokeBenchmark();
        bench.start();
        try {
            assertThat(bench.mapGet()).hasSize(100);
            assertThat(bench.gridletTrivialOnKey()).isEqualTo(1L);
            assertThat(bench.gridletTrivialByKey()).isEqualTo(1L);
        } finally {
            bench.stop();
        }
    }

    @Test
    void clientBenchmarkBodiesDoTheSameWork() throws Exception {
        ClientBenchmark bench = new ClientBenchmark();
        bench.start();
        try {
            assertThat(bench.gridletClient()).isEqualTo(1L);
            assertThat(bench.rawSubmitToKeyOwner()).isEqualTo(2L);
            assertThat(bench.rawEntryProcessor()).isEqualTo(3L);
            assertThat(bench.gridletIdempotent()).isEqualTo(4L);
            assertThat(bench.gridletTransactional()).isEqualTo(5L);
        } finally {
            bench.stop();
        }
    }

    @Test
    void triggerBenchmarkBodiesProduceEveryResult() throws Exception {
        TriggerBenchmark bench = new TriggerBenchmark();
        bench.start();
        try {
            for (String kind : java.util.List.of("bareJet", "triggerExactlyOnce")) {
                bench.kind = kind;
                bench.fresh();
                assertThat(bench.eventsToResults()).isEqualTo(TriggerBenchmark.EVENTS);
                bench.stopJob();
            }
        } finally {
            bench.stop();
        }
    }

    @Test
    void deployBenchmarkBodiesRun() {
        DeployBenchmark bench = new DeployBenchmark();
        bench.start();
        try {
            bench.nextVersion();
            assertThat(bench.deployToInvocableEverywhere()).isEqualTo(3);
            DeployBenchmark.Fresh fresh = new DeployBenchmark.Fresh();
            fresh.deploy(bench);
            assertThat(bench.firstInvocationOfNewVersion(fresh)).isEqualTo(java.util.Map.of("text", "hi", "count", 2L));
            assertThat(bench.warmInvocation()).isEqualTo(java.util.Map.of("text", "hi", "count", 2L));
        } finally {
            bench.stop();
        }
    }

    @Test
    void transportBenchmarkBodiesDoTheSameWork() throws Exception {
        TransportBenchmark bench = new TransportBenchmark();
        bench.transport = KeyRoutedTransport.EXECUTOR;
        bench.start();
        try {
            assertThat(bench.gridlet()).isEqualTo(1L);
            assertThat(bench.rawEntryProcessor()).isEqualTo(2L);
            assertThat(bench.rawSubmitToKeyOwner()).isEqualTo(3L);
            assertThat(bench.fetchComputePut()).isEqualTo(4L);
        } finally {
            bench.stop();
        }
    }
}
