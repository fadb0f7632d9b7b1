package io.gridlet.node.internal.codec;

import io.gridlet.node.Payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.hazelcast.core.HazelcastJsonValue;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadCodecTest {

    final PayloadCodec codec = new PayloadCodec();

    public record Line(String sku, long quantity, double price) {
    }

    @Test
    void bytesPassThroughRawAndNullIsItsOwnFormat() throws IOException {
        byte[] raw = {0, 1, (byte) 0xFF};
        Payload payload = codec.encode(raw);
        assertThat(payload.format()).isEqualTo(Payload.RAW);
        assertThat(payload.bytes()).isSameAs(raw);
        assertThat(codec.decoderFor(byte[].class).decode(payload.format(), payload.bytes())).isSameAs(raw);
        assertThat(codec.encode(null).format()).isEqualTo(Payload.NULL);
        assertThat(codec.decoderFor(Line.class).decode(Payload.NULL, new byte[0])).isNull();
    }

    @Test
    void recordsAndGenericTypesRoundTripAsJson() throws IOException {
        List<Line> lines = List.of(new Line("a", 2, 1.5), new Line("b", 1, 3.0));
        Payload payload = codec.encode(lines);
        assertThat(new String(payload.bytes())).contains("\"sku\":\"a\"");
        var type = codec.mapper().getTypeFactory().constructType(new TypeReference<List<Line>>() { });
        assertThat(codec.decoderFor(type).decode(payload.format(), payload.bytes())).isEqualTo(lines);
    }

    @Test
    void untypedIntegersAreLongsAndJsonValuesTravelUnparsed() throws IOException {
        Payload payload = codec.encode(Map.of("n", 1, "v", new HazelcastJsonValue("{\"a\":[1,2]}")));
        Object plain = codec.decoderFor(Object.class).decode(payload.format(), payload.bytes());
        assertThat(plain).isEqualTo(Map.of("n", 1L, "v", Map.of("a", List.of(1L, 2L))));
        Object json = codec.decoderFor(HazelcastJsonValue.class).decode(Payload.JSON, "{\"x\": 1}".getBytes());
        assertThat(json).isEqualTo(new HazelcastJsonValue("{\"x\":1}"));
    }

    @Test
    void wrongShapeFailsWithWhatWasExpected() {
        assertThatThrownBy(() -> codec.decoderFor(Line.class).decode(Payload.JSON, "{\"quantity\":\"x\"}".getBytes()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("long");
        assertThatThrownBy(() -> codec.decoderFor(Line.class).decode(Payload.JSON, "{not json".getBytes()))
                .isInstanceOf(IOException.class);
    }

    /**
     * Whole numbers and booleans skip Jackson on the way out and whole numbers on the way in: for
     * every target the fast path serves, what it gives (or refuses) is what Jackson gives.
     */
    @Test
    void scalarsReadWithoutAParserAgreeWithJackson() throws IOException {
        List<String> inputs = List.of("0", "-0", "7", "-7", "42", "2147483647", "2147483648", "-2147483649",
                "999999999999999999", "1000000000000000000", "9223372036854775807", "-9223372036854775808",
                "9223372036854775808", "007", "-", "", " 5", "5 ", "1.5", "1e3", "\"5\"", "true", "null", "[1]", "+1");
        for (Class<?> type : List.<Class<?>>of(Long.class, long.class, Object.class, Integer.class, int.class)) {
            PayloadCodec.Decoder fast = codec.decoderFor(type);
            com.fasterxml.jackson.databind.ObjectReader jackson = codec.mapper().readerFor(type);
            for (String input : inputs) {
                byte[] bytes = input.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                Object expected;
                try {
                    expected = jackson.readValue(bytes);
                } catch (IOException | RuntimeException e) {
                    expected = e.getClass();
                }
                Object actual;
                try {
                    actual = fast.decode(Payload.JSON, bytes);
                } catch (IOException | RuntimeException e) {
                    actual = e.getClass();
                }
                assertThat(actual).as("%s read as %s", input, type.getName()).isEqualTo(expected);
            }
        }
        for (Object value : List.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 42, Integer.MIN_VALUE, (short) -3,
                (byte) 9, true, false)) {
            assertThat(new String(codec.encode(value).bytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .as("%s written", value).isEqualTo(codec.mapper().writeValueAsString(value));
        }
    }
}
