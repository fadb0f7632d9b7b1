package io.gridlet.node.internal.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The services of one member, by type, for the code Hazelcast runs on the member without a
 * reference to them: a carrier's processor, a scheduled firing, a task sent to every member. It is
 * the one entry of the member's user context that Gridlet uses, put there before the member starts,
 * so that a call arriving as the member joins finds the services that exist at start. Each service
 * is registered once, by the composition root, as it is built. Thread-safe.
 */
public final class MemberContext {

    /** Its key in Hazelcast's user context. */
    static final String USER_CONTEXT_KEY = "io.gridlet.member";

    private final Map<Class<?>, Object> services = new ConcurrentHashMap<>();

    /** Registers a service under its type; a type is registered once. */
    public <T> MemberContext register(Class<T> type, T service) {
        Objects.requireNonNull(service, "service");
        if (services.putIfAbsent(type, service) != null) {
            throw new IllegalStateException(type.getSimpleName() + " is already registered on this member");
        }
        return this;
    }

    /** Puts this context into a member's configuration, before the member starts. */
    public void installInto(Config config) {
        config.getUserContext().put(USER_CONTEXT_KEY, this);
    }

    /**
     * The member's service of this type.
     *
     * @throws IllegalStateException if the member was not started by Gridlet, or has no such service
     */
    public static <T> T get(HazelcastInstance member, Class<T> type) {
        T service = find(member, type);
        if (service == null) {
            throw new IllegalStateException("member " + member.getName() + " has no " + type.getSimpleName()
                    + ": it was not started by GridNode, or is still starting");
        }
        return service;
    }

    /** The member's service of this type, or {@code null} when it has none (yet). */
    public static <T> T find(HazelcastInstance member, Class<T> type) {
        Object context = member.getUserContext().get(USER_CONTEXT_KEY);
        return context instanceof MemberContext services ? type.cast(services.services.get(type)) : null;
    }
}
