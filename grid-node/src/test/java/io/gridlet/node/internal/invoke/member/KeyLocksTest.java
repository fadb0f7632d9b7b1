package io.gridlet.node.internal.invoke.member;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.internal.serialization.impl.HeapData;
import org.junit.jupiter.api.Test;

class KeyLocksTest {

    private static final KeyLocks.KeyId KEY = new KeyLocks.KeyId("map", "k");

    @Test
    void aHandedOverValueIsNotCurrentWhileAWriteOfItsKeyIsUnderWay() {
        KeyLocks locks = new KeyLocks();
        long arrived = System.nanoTime();
        assertThat(locks.unwrittenSince(KEY, arrived)).isTrue();

        // Queued, not yet applied: a call that arrives now may have been read before the write.
        locks.writing(KEY);
        long arrivedWhileWriting = System.nanoTime();
        assertThat(locks.unwrittenSince(KEY, arrivedWhileWriting)).isFalse();

        locks.written(KEY);
        assertThat(locks.unwrittenSince(KEY, arrivedWhileWriting)).isFalse();
        assertThat(locks.unwrittenSince(KEY, System.nanoTime())).isTrue();
    }

    @Test
    void aValueDerivedBeforeAWriteFailedIsNotHandedOn() throws Exception {
        KeyLocks locks = new KeyLocks();
        HeapData first = new HeapData(new byte[] {0, 0, 0, 0, 0, 0, 0, -1, 1});
        HeapData second = new HeapData(new byte[] {0, 0, 0, 0, 0, 0, 0, -1, 2});

        KeyLocks.Holder holder = locks.acquire(KEY, Long.MAX_VALUE);
        KeyLocks.Known start = holder.known();
        assertThat(start.known()).isFalse();
        holder.wrote(first, start.epoch());
        assertThat(holder.known().known()).isTrue();
        assertThat(holder.known().value()).isEqualTo(first);

        // The next call took the key from the first's value; then the first's write did not apply.
        KeyLocks.Known next = holder.known();
        holder.forget();
        holder.wrote(second, next.epoch());
        assertThat(holder.known().known()).isFalse();
        locks.release(KEY, holder);
        assertThat(locks.size()).isZero();
    }
}
