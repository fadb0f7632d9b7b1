package io.gridlet.node.internal;

import io.gridlet.node.Discovery;
import java.util.List;

/**
 * What a member is told at start, already checked by the builder.
 *
 * @param clusterName         members with another name never join
 * @param host                the address to bind to and announce; {@code 0.0.0.0} binds every interface
 * @param port                the member port; taken means an error, never another port
 * @param members             seed addresses for {@link Discovery#TCP}, ranges already expanded
 * @param discovery           how members find each other
 * @param kubernetesServiceDns the headless service for {@link Discovery#KUBERNETES}
 * @param backupCount         synchronous backups of every map
 * @param invocationThreads   threads of the invocation executor on this member
 * @param invocationQueue     calls that may wait for one of those threads; more are overloaded
 * @param partitionCount      partitions of the grid; every member must agree
 * @param shutdownHook        whether Hazelcast's own JVM hook shuts the member down gracefully
 */
public record NodeSettings(String clusterName, String host, int port, List<String> members, Discovery discovery,
                           String kubernetesServiceDns, int backupCount, int invocationThreads, int invocationQueue,
                           int partitionCount, boolean shutdownHook, List<String> deserializablePrefixes,
                           int splitBrainMinimum) {

    public NodeSettings {
        members = List.copyOf(members);
        deserializablePrefixes = List.copyOf(deserializablePrefixes);
    }
}
