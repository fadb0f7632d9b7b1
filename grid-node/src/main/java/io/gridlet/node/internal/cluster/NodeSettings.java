package io.gridlet.node.internal.cluster;

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
 * @param splitBrainMinimum   members a member must hear from to change anything; 0 for off
 * @param heartbeatInterval   how often members tell each other they are alive
 * @param heartbeatTimeout    silence after which a member is declared dead and its partitions move
 * @param mergeInterval       how often a member looks for a cluster of the same name to merge with
 * @param failOnIndeterminate a write whose backups did not confirm fails as indeterminate
 *                            instead of passing as done
 */
public record NodeSettings(String clusterName, String host, int port, int portCount, List<String> members, Discovery discovery,
                           String kubernetesServiceDns, int backupCount, int invocationThreads, int invocationQueue,
                           int partitionCount, boolean shutdownHook, List<String> deserializablePrefixes,
                           int splitBrainMinimum, java.time.Duration heartbeatInterval,
                           java.time.Duration heartbeatTimeout, java.time.Duration mergeInterval,
                           boolean failOnIndeterminate) {

    public NodeSettings {
        members = List.copyOf(members);
        deserializablePrefixes = List.copyOf(deserializablePrefixes);
    }

    /**
     * How recent a member's last heartbeat must be for split-brain protection to count it: half
     * the heartbeat timeout. Hazelcast re-evaluates the protection every heartbeat interval, so a
     * member cut off loses its quorum within tolerance + interval of the cut, and the builder
     * keeps that below the timeout, after which its peers are removed and it would own, without
     * backups, partitions that the merge will drop.
     */
    public long splitBrainToleranceMillis() {
        return heartbeatTimeout.toMillis() / 2;
    }
}
