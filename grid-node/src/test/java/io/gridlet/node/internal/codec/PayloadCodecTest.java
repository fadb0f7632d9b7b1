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
}
