package io.gridlet.benchmarks.harness;

import java.nio.ByteBuffer;

/** The values the scenarios read and write: bytes whose first 8 are a counter. */
public final class Payloads {

    private Payloads() {
    }

    public static byte[] of(int size) {
        byte[] value = new byte[Math.max(8, size)];
        for (int i = 8; i < value.length; i++) {
            value[i] = (byte) i;
        }
        return value;
    }

    /** Adds one to the counter in place and returns it. */
    public static long increment(byte[] value) {
        ByteBuffer buffer = ByteBuffer.wrap(value);
        long next = buffer.getLong(0) + 1;
        buffer.putLong(0, next);
        return next;
    }

    public static long checksum(byte[] value) {
        long sum = 0;
        for (byte b : value) {
            sum += b;
        }
        return sum;
    }
}
