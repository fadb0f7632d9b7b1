package io.gridlet.node.internal.codec;

import io.gridlet.node.Payload;
import io.gridlet.node.StoredValues;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.util.LRUMap;
import com.fasterxml.jackson.databind.util.LookupCache;
import com.hazelcast.core.HazelcastJsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Encodes values to payload bytes and back. {@code byte[]} passes through raw; everything else is
 * JSON. {@link HazelcastJsonValue} is written as the JSON it holds, so values read from the grid
 * travel without being parsed. Integers read into untyped targets become {@code Long}, as values
 * written over REST do. Thread-safe.
 */
public final class PayloadCodec {

    private static final byte NULL = Payload.NULL;
    private static final byte JSON = Payload.JSON;
    private static final byte RAW = Payload.RAW;

    private static final byte[] EMPTY = new byte[0];
    private static final Payload NULL_PAYLOAD = new Payload(NULL, EMPTY);

    private final ObjectMapper mapper;

    public PayloadCodec() {
        this(newMapper());
    }

    private PayloadCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    private static ObjectMapper newMapper() {
        SimpleModule module = new SimpleModule("gridlet");
        module.addSerializer(HazelcastJsonValue.class, new JsonValueSerializer());
        module.addDeserializer(HazelcastJsonValue.class, new JsonValueDeserializer());
        return new ObjectMapper()
                .registerModule(module)
                .enable(DeserializationFeature.USE_LONG_FOR_INTS);
    }

    /**
     * A codec of its own for the classes of one class loader: a fresh mapper whose type and
     * serializer caches live and die with that loader, so that none of Jackson's shared caches
     * keeps a removed jar's classes, and their loader, alive.
     */
    public PayloadCodec forClassLoader(ClassLoader loader) {
        ObjectMapper copy = mapper.copy();
        copy.setTypeFactory(TypeFactory.defaultInstance()
                .withCache((LookupCache<Object, JavaType>) new LRUMap<Object, JavaType>(16, 200))
                .withClassLoader(loader));
        return new PayloadCodec(copy);
    }

    /** The mapper behind the codec, for resolving types. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Encodes a value.
     *
     * @throws IllegalArgumentException if the value cannot be written as JSON
     */
    public Payload encode(Object value) {
        if (value == null) {
            return NULL_PAYLOAD;
        }
        if (value instanceof byte[] bytes) {
            return new Payload(RAW, bytes);
        }
        if (value instanceof Payload payload) {
            // Already encoded, for example a JSON body relayed by the REST API: sent as is.
            return payload;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            // The common output of a function on a counter: its digits, without a generator.
            return new Payload(JSON, Long.toString(((Number) value).longValue()).getBytes(StandardCharsets.US_ASCII));
        }
        if (value instanceof Boolean flag) {
            return new Payload(JSON, (flag ? "true" : "false").getBytes(StandardCharsets.US_ASCII));
        }
        try {
            return new Payload(JSON, mapper.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName()
                    + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A value to store in a map, from a payload, as the contract stores JSON: integers as
     * {@code Long}, other numbers as {@code Double}, strings, booleans, objects and arrays as
     * {@link HazelcastJsonValue}; raw bytes as {@code byte[]}; JSON null as {@code null}.
     */
    public Object toStoredValue(Payload payload) throws IOException {
        if (payload.format() == NULL) {
            return null;
        }
        if (payload.format() == RAW) {
            return payload.bytes();
        }
        // A scalar, the common output, is read without building a tree.
        try (com.fasterxml.jackson.core.JsonParser parser = mapper.getFactory().createParser(payload.bytes())) {
            com.fasterxml.jackson.core.JsonToken token = parser.nextToken();
            Object scalar = switch (token == null ? com.fasterxml.jackson.core.JsonToken.NOT_AVAILABLE : token) {
                case VALUE_STRING -> parser.getText();
                case VALUE_NUMBER_INT -> parser.getNumberType() == com.fasterxml.jackson.core.JsonParser.NumberType.BIG_INTEGER
                        ? NOT_SCALAR : (Object) parser.getLongValue();
                case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_NULL -> null;
                default -> NOT_SCALAR;
            };
            if (token != null && scalar == NOT_SCALAR) {
                // An object, an array or a big integer: its tree, read on from the token already read.
                return toStoredValue(mapper.<com.fasterxml.jackson.databind.JsonNode>readTree(parser));
            }
            if (token != null && parser.nextToken() == null) {
                return scalar;
            }
        }
        return toStoredValue(mapper.readTree(payload.bytes()));
    }

    private static final Object NOT_SCALAR = new Object();

    /** A JSON value as the contract stores it; see {@link StoredValues#of}. */
    public Object toStoredValue(com.fasterxml.jackson.databind.JsonNode node) {
        return StoredValues.of(node);
    }

    /** A decoder for one target type, built once and reused. {@link Payload} gives the bytes undecoded. */
    public Decoder decoderFor(JavaType type) {
        if (type.getRawClass() == Payload.class) {
            return Payload::new;
        }
        if (type.getRawClass() == byte[].class) {
            return (format, bytes) -> format == NULL ? null : bytes;
        }
        ObjectReader reader = mapper.readerFor(type);
        Class<?> raw = type.getRawClass();
        boolean integer = raw == Integer.class || raw == int.class;
        if (integer || raw == Long.class || raw == long.class || raw == Object.class) {
            // A whole number, the common output, read without a parser; anything else as before.
            return (format, bytes) -> {
                if (format == NULL) {
                    return null;
                }
                long number = wholeNumber(bytes);
                if (number == NOT_A_NUMBER || integer && number != (int) number) {
                    return reader.readValue(bytes);
                }
                return integer ? (Object) (int) number : (Object) number;
            };
        }
        return (format, bytes) -> format == NULL ? null : reader.readValue(bytes);
    }

    /** What {@link #wholeNumber} returns for bytes it leaves to Jackson. */
    private static final long NOT_A_NUMBER = Long.MIN_VALUE;

    /**
     * The JSON number in {@code bytes} when they are one, in the form JSON allows ({@code -?(0|[1-9][0-9]*)})
     * and 18 digits at most; else {@link #NOT_A_NUMBER}, and Jackson reads them (or says why it
     * cannot), so that the two paths never disagree.
     */
    static long wholeNumber(byte[] bytes) {
        int length = bytes.length;
        int at = length > 0 && bytes[0] == '-' ? 1 : 0;
        int digits = length - at;
        if (digits < 1 || digits > 18 || (bytes[at] == '0' && digits > 1)) {
            return NOT_A_NUMBER;
        }
        long number = 0;
        for (int i = at; i < length; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                return NOT_A_NUMBER;
            }
            number = number * 10 + digit;
        }
        return at == 1 ? -number : number;
    }

    /** A decoder for one target class, built once and reused. */
    public Decoder decoderFor(Class<?> type) {
        return decoderFor(mapper.constructType(type));
    }

    /** Turns payload bytes into a value of one type. Thread-safe. */
    @FunctionalInterface
    public interface Decoder {
        /**
         * @throws IOException if the bytes are not a value of the decoder's type; the message
         *                     says where and why
         */
        Object decode(byte format, byte[] bytes) throws IOException;
    }

    private static final class JsonValueSerializer extends JsonSerializer<HazelcastJsonValue> {
        @Override
        public void serialize(HazelcastJsonValue value, JsonGenerator gen, SerializerProvider serializers)
                throws IOException {
            gen.writeRawValue(value.getValue());
        }
    }

    private static final class JsonValueDeserializer extends JsonDeserializer<HazelcastJsonValue> {
        @Override
        public HazelcastJsonValue deserialize(JsonParser parser, DeserializationContext ctxt) throws IOException {
            return new HazelcastJsonValue(parser.readValueAsTree().toString());
        }
    }
}
