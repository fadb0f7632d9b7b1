package io.gridlet.benchmarks.peers.ignite;

import io.gridlet.benchmarks.harness.Payloads;
import io.gridlet.benchmarks.peers.MemberProcesses;
import io.gridlet.benchmarks.peers.Peer;
import io.gridlet.testkit.LoopbackPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.compute.JobDescriptor;
import org.apache.ignite.compute.JobTarget;
import org.apache.ignite.sql.ResultSet;
import org.apache.ignite.sql.SqlRow;
import org.apache.ignite.table.KeyValueView;
import org.apache.ignite.table.Tuple;

/**
 * Apache Ignite 3: three embedded nodes ({@link Ignite3Member}) on loopback, initialised the
 * documented way (the init command, all three in the meta-storage and management groups), and the
 * Ignite 3 client, which sends a colocated job to the node holding the key's primary replica. Each
 * map is a table in a zone of two replicas (one copy besides the primary, as one backup) on an
 * in-memory storage profile ({@code aimem}), the closest Ignite 3 has to an in-memory grid.
 */
public final class Ignite3Peer implements Peer {

    static final String ZONE = "PEERS";
    static final String PROFILE = "in_memory";

    private MemberProcesses members;
    private IgniteClient client;
    private final Set<String> tables = new HashSet<>();
    private final JobDescriptor<String, Long> readModifyWrite = JobDescriptor.builder(Jobs.ReadModifyWrite.class).build();
    private final JobDescriptor<String, Long> trivialJob = JobDescriptor.builder(Jobs.Trivial.class).build();
    private final JobDescriptor<String, Long> incrementJob = JobDescriptor.builder(Jobs.Increment.class).build();

    @Override
    public String name() {
        return "ignite3";
    }

    @Override
    public void start(List<Integer> ports, Path workDirectory) throws Exception {
        List<Integer> more = LoopbackPorts.free(2 * ports.size());
        List<String> nodes = new ArrayList<>();
        List<String> seeds = ports.stream().map(port -> "\"127.0.0.1:" + port + "\"").toList();
        List<String> clientAddresses = new ArrayList<>();
        List<List<String>> arguments = new ArrayList<>();
        Files.createDirectories(workDirectory);
        for (int i = 0; i < ports.size(); i++) {
            String node = "peer-" + i;
            nodes.add(node);
            int clientPort = more.get(i);
            clientAddresses.add("127.0.0.1:" + clientPort);
            Path config = workDirectory.resolve(node + ".conf");
            Files.writeString(config, "ignite {\n"
                    + "  network { port: " + ports.get(i) + ", nodeFinder { netClusterNodes: " + seeds + " } }\n"
                    + "  clientConnector { port: " + clientPort + " }\n"
                    + "  rest { port: " + more.get(ports.size() + i) + " }\n"
                    + "  storage { profiles: [ { name: " + PROFILE + ", engine: aimem } ] }\n"
                    + "}\n");
            arguments.add(List.of(node, config.toString(), workDirectory.resolve(node).toString()));
        }
        members = MemberProcesses.start(List.of(), Ignite3Member.class.getName(), arguments, workDirectory, 300);
        members.send(0, "init peers-" + UUID.randomUUID().toString().substring(0, 8) + " " + String.join(",", nodes));
        client = connect(clientAddresses);
        sql("CREATE ZONE IF NOT EXISTS " + ZONE + " (REPLICAS 2) STORAGE PROFILES ['" + PROFILE + "']");
    }

    /** Connects once the cluster is initialised: before that a node takes no client. */
    private static IgniteClient connect(List<String> addresses) {
        long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < until) {
            try {
                IgniteClient connected = IgniteClient.builder().addresses(addresses.toArray(String[]::new))
                        .connectTimeout(5_000).build();
                connected.sql().execute(null, "SELECT 1").close();
                return connected;
            } catch (RuntimeException e) {
                last = e;
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
            }
        }
        throw new IllegalStateException("the Ignite 3 cluster took no client within 3 minutes", last);
    }

    private void sql(String statement) {
        client.sql().execute(null, statement).close();
    }

    /** The table of a map, made on first use: a string key and a value of the given SQL type. */
    private String table(String map, String valueType) {
        String table = map.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        if (tables.add(table)) {
            sql("CREATE TABLE IF NOT EXISTS " + table + " (K VARCHAR PRIMARY KEY, V " + valueType + ") ZONE " + ZONE);
        }
        return table;
    }

    @Override
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("version", "Apache Ignite 3.1.0");
        settings.put("members", "3 JVMs (" + String.join(" ", MemberProcesses.JVM.subList(0, 2))
                + "), IgniteServer.start with a HOCON file each, initialised with all three as meta-storage and"
                + " cluster-management nodes");
        settings.put("client", "IgniteClient (the thin client; a colocated job goes to the node of the key's primary"
                + " replica)");
        settings.put("backups", "a zone of 2 replicas: the primary and one copy, written through RAFT");
        settings.put("storage", "the aimem engine (in memory); the RAFT log is Ignite 3's, at its defaults");
        settings.put("calls", "colocated compute jobs (JobTarget.colocated) for read-modify-write, the trivial call and"
                + " the increment; Ignite 3 has no entry processor, so a read-modify-write is a compare-and-set loop in the"
                + " job (get, then replace(old, new), each an implicit transaction on the primary; an explicit"
                + " transaction's shared read lock aborts contending increments as deadlocks, IGN-TX-4)."
                + " The sum is SQL's SUM, Ignite 3's distributed aggregation");
        settings.put("left at defaults", "partitions (the zone's default), thread pools, RAFT and transaction settings:"
                + " a user starts there, and Gridlet runs on its defaults too");
        return settings;
    }

    @Override
    public Callable<Long> readModifyWrite(String map, int size) {
        String table = table(map, "VARBINARY");
        client.tables().table(table).keyValueView(String.class, byte[].class).put(null, "k", Payloads.of(size));
        JobTarget target = JobTarget.colocated(table, Tuple.create().set("K", "k"));
        String argument = table + " k";
        return () -> client.compute().execute(target, readModifyWrite, argument);
    }

    @Override
    public Callable<Long> trivial() {
        String table = table("trivial", "BIGINT");
        JobTarget target = JobTarget.colocated(table, Tuple.create().set("K", "k"));
        String argument = table + " k";
        return () -> client.compute().execute(target, trivialJob, argument);
    }

    @Override
    public Callable<Long> increment(String map, String key) {
        String table = table(map, "BIGINT");
        JobTarget target = JobTarget.colocated(table, Tuple.create().set("K", key));
        String argument = table + " " + key;
        return () -> client.compute().execute(target, incrementJob, argument);
    }

    @Override
    public long counted(String map, List<String> keys) {
        KeyValueView<String, Long> view = client.tables().table(table(map, "BIGINT")).keyValueView(String.class,
                Long.class);
        return view.getAll(null, keys).values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void load(String map, int entries) {
        KeyValueView<String, Long> view = client.tables().table(table(map, "BIGINT")).keyValueView(String.class,
                Long.class);
        Peer.numbers(entries, batch -> view.putAll(null, batch));
    }

    @Override
    public Callable<Long> sum(String map) {
        String statement = "SELECT SUM(V) FROM " + table(map, "BIGINT");
        return () -> {
            try (ResultSet<SqlRow> rows = client.sql().execute(null, statement)) {
                return ((Number) rows.next().value(0)).longValue();
            }
        };
    }

    @Override
    public void close() {
        if (client != null) {
            try {
                client.close();
            } catch (Exception e) {
                // the members stop next either way
            }
        }
        if (members != null) {
            members.close();
        }
    }
}
