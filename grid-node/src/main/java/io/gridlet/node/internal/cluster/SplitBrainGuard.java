package io.gridlet.node.internal.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.splitbrainprotection.SplitBrainProtection;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionEvent;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionListener;
import io.gridlet.api.UnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this member may change the grid: with split-brain protection on, only while it hears
 * from at least its minimum of members (itself included) within the heartbeat tolerance. One
 * per member. Every writer of Gridlet's own state (deploys, activations, triggers) and the
 * function runtime ask it before they act, so that a member on the small side of a network
 * partition refuses at once with {@link UnavailableException} instead of doing work the merge
 * would throw away. User-map writes are refused by Hazelcast itself, under the same protection.
 *
 * <p>Hazelcast publishes a change of the protection's state once, to {@link #onChange}: the
 * member logs it there, once per change, and never once per refused request.
 *
 * <p>Thread-safe: {@link #present()} is one volatile read, cheap enough for every call.
 */
public final class SplitBrainGuard implements SplitBrainProtectionListener {

    private static final Logger LOG = LoggerFactory.getLogger(SplitBrainGuard.class);

    private final int minimum;
    private final long toleranceMillis;
    private volatile SplitBrainProtection protection;
    private volatile String member = "this member";

    /**
     * @param minimum         members a member must hear from, itself included; 0 for off
     * @param toleranceMillis how recent a member's last heartbeat must be for it to count
     */
    public SplitBrainGuard(int minimum, long toleranceMillis) {
        this.minimum = minimum;
        this.toleranceMillis = toleranceMillis;
    }

    /** A guard that never refuses: split-brain protection off. */
    public static SplitBrainGuard off() {
        return new SplitBrainGuard(0, 0);
    }

    /** Called once the member has started. */
    public void bind(HazelcastInstance hazelcast) {
        member = hazelcast.getCluster().getLocalMember().getAddress().toString();
        if (minimum > 0) {
            protection = hazelcast.getSplitBrainProtectionService()
                    .getSplitBrainProtection(HazelcastConfigFactory.SPLIT_BRAIN_PROTECTION);
        }
    }

    /** Whether split-brain protection is configured at all. */
    public boolean enabled() {
        return minimum > 0;
    }

    /** True when protection is off, or this member has its quorum. */
    public boolean present() {
        SplitBrainProtection current = protection;
        return current == null || current.hasMinimumSize();
    }

    /**
     * Refuses {@code action} when this member has lost its quorum.
     *
     * @throws UnavailableException naming the member, the minimum and the action refused
     */
    public void require(String action) {
        if (!present()) {
            throw new UnavailableException(refusal(action));
        }
    }

    /**
     * Refuses a call of {@code function} when this member has lost its quorum; the refusal's words
     * are built only then, not on every call.
     *
     * @throws UnavailableException naming the member, the minimum and the function refused
     */
    public void requireForFunction(String function) {
        if (!present()) {
            throw new UnavailableException(refusal("function " + function));
        }
    }

    /** What a refusal of {@code action} says: which member, and why. */
    public String refusal(String action) {
        return "member " + member + " has lost its quorum: it hears from fewer than the " + minimum
                + " members (itself included) that split-brain protection needs within " + toleranceMillis
                + " ms, so it may be cut off from the rest of the cluster; " + action
                + " refused until it hears from them again";
    }

    @Override
    public void onChange(SplitBrainProtectionEvent event) {
        if (event.isPresent()) {
            LOG.warn("Member {} has its quorum again ({} members in sight, {} needed): writes, deploys, "
                    + "trigger changes and calls are accepted", member, event.getCurrentMembers().size(), minimum);
        } else {
            LOG.warn("Member {} has lost its quorum ({} needed within {} ms): it refuses writes, deploys, "
                    + "trigger changes and calls until it hears from them again", member, minimum, toleranceMillis);
        }
    }
}
