package io.gridlet.node.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import io.gridlet.node.Discovery;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HazelcastConfigFactoryTest {

    static NodeSettings settings(Discovery discovery, String host) {
        return new NodeSettings("c", host, 5801, 1, List.of("127.0.0.1:5801", "127.0.0.1:5802"), discovery,
                "gridlet-hs.default.svc.cluster.local", 2, 8, 100, 271, false, List.of("com.acme."), 2,
                Duration.ofSeconds(1), Duration.ofSeconds(6), Duration.ofSeconds(7), true);
    }

    @Test
    void memberRangesExpandIntoSingleAddresses() {
        assertThat(HazelcastConfigFactory.expandMembers(List.of("127.0.0.1:5701-5703", " host-b ", "h:9")))
                .containsExactly("127.0.0.1:5701", "127.0.0.1:5702", "127.0.0.1:5703", "host-b", "h:9");
        assertThatThrownBy(() -> HazelcastConfigFactory.expandMembers(List.of("h:5703-5701")))
                .hasMessageContaining("must run upwards");
        assertThatThrownBy(() -> HazelcastConfigFactory.expandMembers(List.of("h:70000")))
                .hasMessage("member port must be 1 to 65535: h:70000");
        assertThatThrownBy(() -> HazelcastConfigFactory.expandMembers(List.of(":5701")))
                .hasMessage("member address has no host: :5701");
    }

    @Test
    void messagesAreWrittenThroughUnlessTheUserSetTheWindow() {
        Config config = HazelcastConfigFactory.create(settings(Discovery.TCP, "127.0.0.1"), new MemberContext());
        assertThat(config.getProperties().getProperty(HazelcastConfigFactory.CONCURRENT_WINDOW)).isEqualTo("0");

        Map<String, String> client = new java.util.HashMap<>();
        HazelcastConfigFactory.writeThrough(client::put, HazelcastConfigFactory.CLIENT_CONCURRENT_WINDOW);
        assertThat(client).containsEntry(HazelcastConfigFactory.CLIENT_CONCURRENT_WINDOW, "0");

        // A system property of the window's name is the user's: Hazelcast reads it, and it is left alone.
        System.setProperty(HazelcastConfigFactory.CONCURRENT_WINDOW, "100");
        try {
            Config own = HazelcastConfigFactory.create(settings(Discovery.TCP, "127.0.0.1"), new MemberContext());
            assertThat(own.getProperties().getProperty(HazelcastConfigFactory.CONCURRENT_WINDOW)).isNull();
        } finally {
            System.clearProperty(HazelcastConfigFactory.CONCURRENT_WINDOW);
        }
    }

    @Test
    @SuppressWarnings("removal")
    void theMemberIsLockedDownAndBoundToTheAddressItWasGiven() {
        Config config = HazelcastConfigFactory.create(settings(Discovery.TCP, "127.0.0.1"), new MemberContext().register(String.class, "v"));
        assertThat(config.getClusterName()).isEqualTo("c");
        assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
        assertThat(config.getNetworkConfig().getRestApiConfig().isEnabled()).isFalse();
        assertThat(config.getNetworkConfig().getMemcacheProtocolConfig().isEnabled()).isFalse();
        assertThat(config.getNetworkConfig().getJoin().getMulticastConfig().isEnabled()).isFalse();
        assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers())
                .containsExactly("127.0.0.1:5801", "127.0.0.1:5802");
        assertThat(config.getNetworkConfig().getInterfaces().isEnabled()).isTrue();
        assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
        assertThat(config.getNetworkConfig().isPortAutoIncrement()).isFalse();
        assertThat(config.getProperty("hazelcast.socket.bind.any")).isEqualTo("false");
        assertThat(config.getJetConfig().isEnabled()).isTrue();
        assertThat(config.getMapConfig("anything").getBackupCount()).isEqualTo(2);
        assertThat(config.getExecutorConfig(HazelcastConfigFactory.INVOCATION_EXECUTOR).getQueueCapacity())
                .isEqualTo(100);
        assertThat(config.getUserContext()).hasSize(1).containsKey(MemberContext.USER_CONTEXT_KEY);
        var filter = config.getSerializationConfig().getJavaSerializationFilterConfig();
        assertThat(filter.isDefaultsDisabled()).isFalse();
        assertThat(filter.getWhitelist().getPrefixes()).containsExactlyInAnyOrder("io.gridlet.", "com.acme.");
        assertThat(config.getSplitBrainProtectionConfig(HazelcastConfigFactory.SPLIT_BRAIN_PROTECTION).getMinimumClusterSize())
                .isEqualTo(2);
        assertThat(config.getMapConfig("orders").getSplitBrainProtectionName())
                .isEqualTo(HazelcastConfigFactory.SPLIT_BRAIN_PROTECTION);
    }

    @Test
    void aCutOffMemberLosesItsQuorumBeforeItsPeersAreRemovedAndTheLargerSideWinsTheMerge() {
        Config config = HazelcastConfigFactory.create(settings(Discovery.TCP, "127.0.0.1"), new MemberContext());
        var protection = config.getSplitBrainProtectionConfig(HazelcastConfigFactory.SPLIT_BRAIN_PROTECTION);
        assertThat(protection.getFunctionImplementation())
                .isInstanceOf(com.hazelcast.splitbrainprotection.impl.RecentlyActiveSplitBrainProtectionFunction.class);
        var function = (com.hazelcast.splitbrainprotection.impl.RecentlyActiveSplitBrainProtectionFunction)
                protection.getFunctionImplementation();
        assertThat(function.getHeartbeatToleranceMillis()).as("half the heartbeat timeout").isEqualTo(3_000);
        assertThat(config.getProperty("hazelcast.heartbeat.interval.seconds")).isEqualTo("1");
        assertThat(config.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("6");
        assertThat(config.getProperty("hazelcast.merge.next.run.delay.seconds")).isEqualTo("7");
        assertThat(config.getProperty("hazelcast.operation.fail.on.indeterminate.state")).isEqualTo("true");
        String discard = com.hazelcast.spi.merge.DiscardMergePolicy.class.getName();
        assertThat(config.getMapConfig("orders").getMergePolicyConfig().getPolicy()).isEqualTo(discard);
        assertThat(config.getMapConfig("gridlet.idempotency").getMergePolicyConfig().getPolicy()).isEqualTo(discard);
        assertThat(config.getMapConfig("gridlet.functions").getSplitBrainProtectionName())
                .as("Gridlet's own writers ask the guard, so a member alone at start can still read its maps").isNull();
    }

    @Test
    void kubernetesDiscoveryUsesTheServiceDns() {
        Config config = HazelcastConfigFactory.create(settings(Discovery.KUBERNETES, "0.0.0.0"), new MemberContext());
        var join = config.getNetworkConfig().getJoin();
        assertThat(join.getKubernetesConfig().isEnabled()).isTrue();
        assertThat(join.getKubernetesConfig().getProperty("service-dns"))
                .isEqualTo("gridlet-hs.default.svc.cluster.local");
        assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
        assertThat(join.getMulticastConfig().isEnabled()).isFalse();
        assertThat(config.getProperty("hazelcast.socket.bind.any")).as("0.0.0.0 binds every interface").isEqualTo("true");
        assertThat(config.getNetworkConfig().getInterfaces().isEnabled()).isFalse();
    }

    @Test
    void multicastIsOnOnlyWhenAskedFor() {
        Config config = HazelcastConfigFactory.create(settings(Discovery.MULTICAST, "127.0.0.1"), new MemberContext());
        assertThat(config.getNetworkConfig().getJoin().getMulticastConfig().isEnabled()).isTrue();
        assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().isEnabled()).isFalse();
    }
}
