package io.gridlet.node;

import io.gridlet.api.GridFunction;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A member in a JVM of its own, for tests that kill one. Arguments: cluster name, port, seed
 * addresses (comma separated), then function classes to register. It prints {@code READY uuid}
 * once joined, then reads commands from standard input: {@code deploy PATH VERSION}.
 */
public final class MemberMain {

    private MemberMain() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        GridNode node = GridNode.builder()
                .clusterName(args[0])
                .port(Integer.parseInt(args[1]))
                .members(List.of(args[2].split(",")))
                .hazelcastConfig(config -> config.setProperty("hazelcast.wait.seconds.before.join", "0"))
                .start();
        for (int i = 3; i < args.length; i++) {
            node.functions().register((Class<? extends GridFunction<?, ?>>) Class.forName(args[i]));
        }
        System.out.println("READY " + node.localMember().getUuid());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] command = line.trim().split(" ");
            try {
                if (command[0].equals("deploy")) {
                    DeployResult result = node.deployments().deploy(Files.readAllBytes(Path.of(command[1])),
                            DeployOptions.version(command[2]));
                    System.out.println("DEPLOYED " + result.sha256());
                } else {
                    System.out.println("ERROR unknown command " + command[0]);
                }
            } catch (RuntimeException e) {
                System.out.println("ERROR " + e);
            }
            System.out.flush();
        }
    }
}
