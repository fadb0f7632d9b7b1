package io.gridlet.node.internal.invoke;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Ids of calls. */
public final class InvocationIds {

    private InvocationIds() {
    }

    /**
     * A random version-4 id, without {@code SecureRandom}: ids must be unique, not secret, and
     * {@link UUID#randomUUID()} costs a trip through the system's entropy source on every call.
     */
    public static UUID random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
