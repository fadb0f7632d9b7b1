package io.gridlet.reliability;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The partition scenario's clients, in a JVM of their own in the hub namespace, the only place
 * that reaches the members: the fault suite's {@link Workload}, and a writer whose client talks to
 * the member that will be cut off and to no other (smart routing off), so that its writes can
 * only be acknowledged by that member. Arguments: cluster name, seed addresses, the cut-off
 * member's address. Prints {@code READY id}, then answers on standard input: {@code start},
 * {@code ops}, {@code check CUT HEAL OTHERS} (epoch millis of the cut and the heal, and the
 * members' acknowledged increments as JSON), which stops the load and prints {@code FIGURES json}.
 */
public final class PartitionDriver {

    private PartitionDriver() {
    }

    public static void main(String[] args) throws Exception {
        String cluster = args[0];
        List<String> seeds = List.of(args[1].split(","));
        Workload load = new Workload(cluster, seeds);
        PinnedWriter pinned = new PinnedWriter(cluster, args[2]);
        ObjectMapper json = new ObjectMapper();
        System.out.println("READY " + UUID.randomUUID());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] command = line.trim().split(" ", 4);
            try {
                switch (command[0]) {
                    case "start" -> {
                        load.start();
                        pinned.start();
                        System.out.println("STARTED " + true);
                    }
                    case "ops" -> System.out.println("OPS " + load.operations());
                    case "check" -> {
                        long cut = Long.parseLong(command[1]);
                        long heal = Long.parseLong(command[2]);
                        List<List<List<Long>>> others = json.readValue(command[3], new TypeReference<>() { });
                        pinned.stop();
                        load.stop();
                        Figures figures = load.check(Duration.ofSeconds(120), others);
                        Map<String, Object> answer = new HashMap<>();
                        answer.put("figures", figures);
                        answer.put("pinned", pinned.report(cut, heal));
                        System.out.println("FIGURES " + json.writeValueAsString(answer));
                    }
                    default -> System.out.println("ERROR unknown command " + command[0]);
                }
            } catch (RuntimeException e) {
                System.out.println("ERROR " + e);
            }
            System.out.flush();
        }
        load.close();
        pinned.close();
    }

    /** Writes keys of its own through one member only, noting when each acknowledged write started and ended. */
    static final class PinnedWriter implements AutoCloseable {
        private final HazelcastInstance client;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final List<long[]> acked = Collections.synchronizedList(new ArrayList<>());
        private final Thread thread = new Thread(this::run, "pinned-writer");

        PinnedWriter(String cluster, String member) {
            ClientConfig config = new ClientConfig();
            config.setClusterName(cluster);
            config.setProperty("hazelcast.logging.type", "slf4j");
            config.setProperty("hazelcast.client.invocation.timeout.seconds", "10");
            config.setProperty("hazelcast.client.operation.fail.on.indeterminate.state", "true");
            config.getNetworkConfig().addAddress(member).setSmartRouting(false);
            config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(-1);
            this.client = HazelcastClient.newHazelcastClient(config);
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void run() {
            IMap<String, Long> map = client.getMap("pinned");
            for (long i = 0; !stop.get(); i++) {
                long started = System.currentTimeMillis();
                try {
                    map.set("p" + i, i);
                    acked.add(new long[] {i, started, System.currentTimeMillis()});
                } catch (RuntimeException e) {
                    // not acknowledged: it may or may not exist
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }

        void stop() throws InterruptedException {
            stop.set(true);
            thread.join(30_000);
        }

        Map<String, Object> report(long cut, long heal) {
            List<long[]> writes = List.copyOf(acked);
            Set<String> keys = new HashSet<>();
            writes.forEach(write -> keys.add("p" + write[0]));
            Map<String, Long> read = client.<String, Long>getMap("pinned").getAll(keys);
            Map<String, Object> report = new HashMap<>();
            report.put("writesAcked", (long) writes.size());
            report.put("writesLost", writes.stream().filter(write -> read.get("p" + write[0]) == null).count());
            List<long[]> duringCut = writes.stream().filter(write -> write[1] >= cut && write[2] <= heal).toList();
            report.put("ackedDuringCut", (long) duringCut.size());
            report.put("writesDuringCut", duringCut.stream().limit(10)
                    .map(write -> List.of(write[1] - cut, write[2] - cut)).toList());
            return report;
        }

        @Override
        public void close() {
            stop.set(true);
            client.shutdown();
        }
    }
}
