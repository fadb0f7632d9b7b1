package io.gridlet.benchmarks.peers.ignite;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.ignite.InitParameters;
import org.apache.ignite.IgniteServer;

/**
 * An Apache Ignite 3 node, embedded the documented way ({@code IgniteServer.start} with a HOCON
 * file). Arguments: node name, configuration file, work directory. Prints {@code READY name} once
 * it can take the init command; the node told {@code init CLUSTER NODE,NODE,...} on standard input
 * initialises the cluster with those nodes as its meta-storage and management group, and prints
 * {@code INITIALIZED}. Every node waits for the init (as {@code waitForInitAsync}, which joins it
 * to the cluster once initialised) and prints {@code JOINED}. A shutdown hook stops the node on SIGTERM.
 */
public final class Ignite3Member {

    private Ignite3Member() {
    }

    public static void main(String[] args) throws Exception {
        IgniteServer server = IgniteServer.start(args[0], Path.of(args[1]), Path.of(args[2]));
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "ignite-shutdown"));
        // The node joins the cluster once it is initialised: waiting for that is what makes it join.
        server.waitForInitAsync().whenComplete((joined, error) -> {
            System.out.println(error == null ? "JOINED" : "NOT JOINED " + error);
            System.out.flush();
        });
        System.out.println("READY " + server.name());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] command = line.trim().split(" ");
            if (command[0].equals("init")) {
                List<String> nodes = List.of(command[2].split(","));
                server.initCluster(InitParameters.builder().clusterName(command[1]).metaStorageNodeNames(nodes)
                        .cmgNodeNames(nodes).build());
                System.out.println("INITIALIZED");
                System.out.flush();
            }
        }
        Thread.currentThread().join();
    }
}
