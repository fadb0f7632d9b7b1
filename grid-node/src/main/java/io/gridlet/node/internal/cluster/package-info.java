/**
 * The member as a Hazelcast member: its configuration ({@link
 * io.gridlet.node.internal.cluster.HazelcastConfigFactory} from {@link
 * io.gridlet.node.internal.cluster.NodeSettings}), split-brain protection, the pool for
 * Hazelcast's callbacks, and {@link io.gridlet.node.internal.cluster.MemberContext}, through which
 * code Hazelcast runs on the member finds the member's services.
 */
package io.gridlet.node.internal.cluster;
