package io.gridlet.node;

import java.util.Objects;

/**
 * A function's input or output as it travels, undecoded: JSON text, raw bytes or null. As an input,
 * it is sent as it is (the REST API relays a request's body so); as the output type of a call, the
 * answer is handed over without being decoded.
 *
 * @param format {@link #NULL}, {@link #JSON} or {@link #RAW}
 * @param bytes  the encoded value; empty for {@code NULL}
 */
public record Payload(byte format, byte[] bytes) {

    /** No value: JSON {@code null}, or a function that returned nothing. */
    public static final byte NULL = 0;
    /** UTF-8 JSON text. */
    public static final byte JSON = 1;
    /** Raw bytes: a {@code byte[]} value, passed as it is. */
    public static final byte RAW = 2;

    /**
     * Checks the format, and that there are bytes (empty for {@code NULL}).
     *
     * @param format {@link #NULL}, {@link #JSON} or {@link #RAW}
     * @param bytes  the encoded value; empty for {@code NULL}
     */
    public Payload {
        if (format != NULL && format != JSON && format != RAW) {
            throw new IllegalArgumentException("format must be NULL, JSON or RAW: " + format);
        }
        Objects.requireNonNull(bytes, "bytes");
    }

    /**
     * UTF-8 JSON text, sent as it is.
     *
     * @param json the text's bytes
     * @return the payload
     */
    public static Payload json(byte[] json) {
        return new Payload(JSON, json);
    }
}
