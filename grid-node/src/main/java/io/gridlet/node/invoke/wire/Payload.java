package io.gridlet.node.invoke.wire;


/**
 * Bytes on the wire and how to read them.
 *
 * @param format {@link PayloadCodec#NULL}, {@link PayloadCodec#JSON} or {@link PayloadCodec#RAW}
 * @param bytes  the encoded value; empty for {@code NULL}
 */
public record Payload(byte format, byte[] bytes) {
}
