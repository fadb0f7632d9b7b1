package io.gridlet.management.node;

import io.gridlet.management.config.GridletSettings;
import io.gridlet.management.config.SecuritySettings;
import io.gridlet.node.Discovery;
import io.gridlet.node.GridNode;
import io.gridlet.node.DeployLimits;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;

/**
 * Creates the node's member when the app starts (eagerly: a node that cannot join fails its start)
 * and leaves the cluster gracefully when the app stops. Hazelcast's own shutdown hook is off:
 * the app's stop is the one that migrates partitions first.
 */
@Factory
public class NodeFactory {

    @Context
    @Bean(preDestroy = "close")
    public GridNode gridNode(GridletSettings settings, SecuritySettings security, MeterRegistry meterRegistry,
                             NodeTracing tracing) {
        GridletSettings.Member member = settings.getMember();
        GridNode.Builder builder = GridNode.builder()
                .clusterName(settings.getClusterName())
                .host(member.getHost())
                .port(member.getPort())
                .backupCount(member.getBackupCount())
                .allowDeserialization(member.getDeserializationAllowed())
                .splitBrainProtection(member.getSplitBrainMinimum())
                .heartbeatInterval(member.getHeartbeatInterval())
                .heartbeatTimeout(member.getHeartbeatTimeout())
                .mergeInterval(member.getMergeInterval())
                .failOnIndeterminateState(member.isFailOnIndeterminateState())
                .discovery(member.getDiscovery())
                .meterRegistry(meterRegistry)
                .shutdownHook(false)
                .logLines(settings.getLogs().getMaxLines())
                // The node's tokens never stay in a kept function log line, as they never reach its own log.
                .hideInLogs(java.util.stream.Stream.of(security.getAdminToken(), security.getViewerToken())
                        .filter(java.util.Objects::nonNull).toList())
                .deployLimits(new DeployLimits(settings.getDeploy().getMaxJarBytes(),
                        Math.max(256L << 20, 4 * settings.getDeploy().getMaxJarBytes()), 10_000));
        tracing.openTelemetry().ifPresent(builder::openTelemetry);
        if (member.getDiscovery() == Discovery.TCP) {
            builder.members(member.getMembers());
        }
        if (member.getDiscovery() == Discovery.KUBERNETES) {
            String dns = member.getKubernetes().getServiceDns();
            if (dns == null || dns.isBlank()) {
                throw new IllegalArgumentException(
                        "gridlet.member.kubernetes.service-dns must be set when gridlet.member.discovery is kubernetes");
            }
            builder.kubernetesServiceDns(dns);
        }
        return builder.start();
    }
}
