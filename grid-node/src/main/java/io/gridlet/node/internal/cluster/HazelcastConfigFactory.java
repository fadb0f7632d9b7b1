package io.gridlet.node.internal.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.config.SplitBrainProtectionListenerConfig;
import com.hazelcast.spi.merge.DiscardMergePolicy;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionListener;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionOn;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.ScheduledExecutorConfig;
import com.hazelcast.config.NetworkConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Assembles a member's Hazelcast configuration from {@link NodeSettings}: the grid as Gridlet
 * runs it, with Hazelcast's outward-facing extras (its REST and memcache endpoints, phone-home)
 * off, Jet on, and the invocation executor bounded.
 */
public final class HazelcastConfigFactory {

    private static final java.util.concurrent.atomic.AtomicInteger INSTANCES = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * The executor every invocation runs on, on both transports: one bounded pool and queue per
     * member, so that a full member answers overloaded instead of queueing without end.
     */
    public static final String INVOCATION_EXECUTOR = "gridlet.invoke";

    /** Gridlet's own cluster-wide chores (applying a deploy on every member): never behind user calls. */
    public static final String ADMIN_EXECUTOR = "gridlet.admin";

    /** The split-brain protection of user maps and triggers, when the node asks for one. */
    public static final String SPLIT_BRAIN_PROTECTION = "gridlet.split-brain";

    private HazelcastConfigFactory() {
    }

    public static Config create(NodeSettings settings, MemberContext services) {
        return create(settings, services, null);
    }

    /**
     * @param services           the member's services, for the code Hazelcast runs without a reference to them
     * @param splitBrainListener told once each time the member loses or regains its quorum; may be
     *                           null
     */
    public static Config create(NodeSettings settings, MemberContext services,
                                SplitBrainProtectionListener splitBrainListener) {
        Config config = new Config();
        config.setClusterName(settings.clusterName());
        // Members on ports picked at start are numbered: two in one JVM must not share a name.
        config.setInstanceName("gridlet-" + settings.clusterName() + "-" + settings.host() + "-" + settings.port()
                + (settings.portCount() > 1 ? "-" + INSTANCES.incrementAndGet() : ""));
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.partition.count", Integer.toString(settings.partitionCount()));
        config.setProperty("hazelcast.shutdownhook.enabled", Boolean.toString(settings.shutdownHook()));
        config.setProperty("hazelcast.shutdownhook.policy", "GRACEFUL");
        services.installInto(config);
        config.setProperty("hazelcast.heartbeat.interval.seconds", seconds(settings.heartbeatInterval()));
        config.setProperty("hazelcast.max.no.heartbeat.seconds", seconds(settings.heartbeatTimeout()));
        config.setProperty("hazelcast.merge.first.run.delay.seconds", seconds(settings.mergeInterval()));
        config.setProperty("hazelcast.merge.next.run.delay.seconds", seconds(settings.mergeInterval()));
        // A write whose backups did not confirm in time (a backup member cut off or dead) fails as
        // indeterminate instead of passing as done: passed, it could be acknowledged and then lost,
        // for the backup is what survives on the other side of a partition.
        config.setProperty("hazelcast.operation.fail.on.indeterminate.state",
                Boolean.toString(settings.failOnIndeterminate()));

        writeThrough(config::setProperty, CONCURRENT_WINDOW);

        network(config.getNetworkConfig(), settings);
        // Without this Hazelcast listens on every interface, whatever address it was given.
        config.setProperty("hazelcast.socket.bind.any", Boolean.toString("0.0.0.0".equals(settings.host())));

        config.getMapConfig("default").setBackupCount(settings.backupCount());
        // Gridlet's own state (jars, the function catalog) is kept even if data is not backed up.
        config.addMapConfig(new MapConfig("gridlet.*").setBackupCount(Math.max(1, settings.backupCount())));
        config.addExecutorConfig(new ExecutorConfig(INVOCATION_EXECUTOR)
                .setPoolSize(settings.invocationThreads())
                .setQueueCapacity(settings.invocationQueue())
                .setStatisticsEnabled(true));
        config.addExecutorConfig(new ExecutorConfig(ADMIN_EXECUTOR).setPoolSize(2).setQueueCapacity(1_000));
        // Schedules survive the loss of the member running them: the task has a backup.
        config.addScheduledExecutorConfig(new ScheduledExecutorConfig("gridlet.schedules").setPoolSize(4)
                .setDurability(Math.max(1, settings.backupCount())).setCapacity(10_000));
        // Java deserialization reads only classes of packages known to be safe; anything else is refused.
        JavaSerializationFilterConfig filter = new JavaSerializationFilterConfig().setDefaultsDisabled(false);
        filter.getWhitelist().addPrefixes("io.gridlet.");
        settings.deserializablePrefixes().forEach(prefix -> filter.getWhitelist().addPrefixes(prefix));
        config.getSerializationConfig().setJavaSerializationFilterConfig(filter);
        if (settings.splitBrainMinimum() > 0) {
            splitBrainProtection(config, settings, splitBrainListener);
        }
        config.getJetConfig().setEnabled(true).setResourceUploadEnabled(false);
        return config;
    }

    /**
     * Counts only members heard from recently, not the member list: the list changes only after
     * the heartbeat timeout, and a member cut off would accept writes until then, which the merge
     * then drops. With the larger side the only one that accepted writes, the merge keeps its
     * entries and discards the smaller side's, for user maps and Gridlet's own alike: a key the
     * larger side deleted during the cut stays deleted, and an idempotency record the smaller side
     * wrote without its effects cannot come back to answer for them.
     */
    private static void splitBrainProtection(Config config, NodeSettings settings,
                                             SplitBrainProtectionListener listener) {
        SplitBrainProtectionConfig protection = SplitBrainProtectionConfig
                .newRecentlyActiveSplitBrainProtectionConfigBuilder(SPLIT_BRAIN_PROTECTION,
                        settings.splitBrainMinimum(), (int) settings.splitBrainToleranceMillis())
                .enabled(true).build().setProtectOn(SplitBrainProtectionOn.WRITE);
        if (listener != null) {
            protection.addListenerConfig(new SplitBrainProtectionListenerConfig(listener));
        }
        config.addSplitBrainProtectionConfig(protection);
        MergePolicyConfig largerSideWins = new MergePolicyConfig(DiscardMergePolicy.class.getName(),
                MergePolicyConfig.DEFAULT_BATCH_SIZE);
        config.getMapConfig("default").setSplitBrainProtectionName(SPLIT_BRAIN_PROTECTION)
                .setMergePolicyConfig(largerSideWins);
        // Gridlet's own maps are not under the protection itself (a member alone at start must read
        // and reconcile them): their writers ask the SplitBrainGuard first. They merge the same way.
        config.getMapConfig("gridlet.*").setMergePolicyConfig(largerSideWins);
    }

    private static String seconds(java.time.Duration duration) {
        return Long.toString(Math.max(1, duration.toSeconds()));
    }

    @SuppressWarnings("removal") // Hazelcast's REST endpoint is deprecated; off, whatever its default
    private static void network(NetworkConfig network, NodeSettings settings) {
        // A port the caller chose is taken or fails the start; the default tries the next ones.
        network.setPort(settings.port()).setPortAutoIncrement(settings.portCount() > 1)
                .setPortCount(Math.max(1, settings.portCount()));
        network.getRestApiConfig().setEnabled(false);
        network.getMemcacheProtocolConfig().setEnabled(false);
        boolean anyAddress = "0.0.0.0".equals(settings.host());
        if (!anyAddress) {
            // Bind to the one address asked for, not to every interface.
            network.getInterfaces().setEnabled(true).addInterface(settings.host());
            if (settings.portCount() <= 1) {
                // Picked at start otherwise: the member then names the port it bound.
                network.setPublicAddress(settings.host() + ":" + settings.port());
            }
        }
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(settings.discovery() == io.gridlet.node.Discovery.MULTICAST);
        join.getAutoDetectionConfig().setEnabled(false);
        switch (settings.discovery()) {
            case TCP -> join.getTcpIpConfig().setEnabled(true).setMembers(settings.members());
            case MULTICAST -> join.getTcpIpConfig().setEnabled(false);
            case KUBERNETES -> {
                join.getTcpIpConfig().setEnabled(false);
                join.getKubernetesConfig().setEnabled(true)
                        .setProperty("service-dns", settings.kubernetesServiceDns());
            }
            default -> throw new IllegalStateException("unknown discovery " + settings.discovery());
        }
    }

    /**
     * Expands {@code host:first-last} into one address per port. Hazelcast reads ranges itself,
     * but not when interfaces are enabled: then a range fails the member at start.
     *
     * @throws IllegalArgumentException naming the entry that is not {@code host[:port[-port]]}
     */
    public static List<String> expandMembers(List<String> entries) {
        List<String> addresses = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.lastIndexOf(':');
            if (colon < 0) {
                addresses.add(entry);
                continue;
            }
            String host = entry.substring(0, colon);
            String ports = entry.substring(colon + 1);
            if (host.isEmpty()) {
                throw new IllegalArgumentException("member address has no host: " + raw);
            }
            int dash = ports.indexOf('-');
            int first = parsePort(raw, dash < 0 ? ports : ports.substring(0, dash));
            int last = dash < 0 ? first : parsePort(raw, ports.substring(dash + 1));
            if (last < first || last - first > 100) {
                throw new IllegalArgumentException("member port range must run upwards over at most 100 ports: " + raw);
            }
            for (int port = first; port <= last; port++) {
                addresses.add(host + ":" + port);
            }
        }
        return addresses;
    }

    private static int parsePort(String entry, String text) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("member port must be 1 to 65535: " + entry);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("member address must be host, host:port or host:first-last: " + entry, e);
        }
    }

    /** The member's concurrency window of Hazelcast's network (see {@link #writeThrough}). */
    static final String CONCURRENT_WINDOW = "hazelcast.concurrent.window.ms";
    /** The same window, of a client's network. */
    public static final String CLIENT_CONCURRENT_WINDOW = "hazelcast.client.concurrent.window.ms";

    /**
     * Has Hazelcast write each message from the thread that made it whenever its connection is
     * free, unless the user set the window as a system property.
     *
     * <p>Why: Hazelcast writes a message from the thread that made it (a partition thread's answer
     * or backup) straight to the socket, until it sees two threads writing to one connection; then,
     * for the next 100 ms (the concurrency window), it hands every message to the connection's
     * network thread to be batched, a queue, a selector wake-up and a thread switch each. A member
     * serving a few busy keys is in that window all the time, and where members and clients share
     * a few cores the switches cost more than batching saves: with the window at 0, hot keys
     * (8 callers, 4 keys, three members and the client on two cores) made 1.24 times the calls a
     * second through Gridlet and 1.33 times through Hazelcast's plain entry processor
     * (docs/benchmarks.md, the twelfth pass). A message whose connection another thread is writing
     * still queues behind that writer, which sends it.
     *
     * @param setProperty sets a property of the member's or client's config
     * @param window      {@link #CONCURRENT_WINDOW} or {@link #CLIENT_CONCURRENT_WINDOW}
     */
    public static void writeThrough(java.util.function.BiConsumer<String, String> setProperty, String window) {
        if (System.getProperty(window) == null) {
            setProperty.accept(window, "0");
        }
    }
}
