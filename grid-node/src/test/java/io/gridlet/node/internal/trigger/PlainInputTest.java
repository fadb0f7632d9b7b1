package io.gridlet.node.internal.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.HazelcastJsonValue;
import io.gridlet.node.internal.codec.PayloadCodec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An event's plain values go to a map-taking function exactly as its JSON document would decode. */
class PlainInputTest {

    private static final ObjectMapper JSON = new PayloadCodec().mapper();

    @Test
    void plainValuesAreWhatJsonDecodingGivesBack() throws Exception {
        for (Object value : Arrays.asList(null, "text", "", true, 5, 5L, -7L, 1L << 40, Long.MIN_VALUE, (short) 3,
                (byte) -2, 1.5, -0.25, Double.MAX_VALUE, Integer.MAX_VALUE, (long) Integer.MIN_VALUE)) {
            Map<String, Object> holder = new HashMap<>();
            holder.put("v", value);
            Map<String, Object> decoded = JSON.readValue(JSON.writeValueAsBytes(holder), new TypeReference<>() { });
            Object plain = TriggerRunner.plain(value);
            assertThat(plain).as("plain %s", value).isEqualTo(decoded.get("v"));
            if (plain != null) {
                assertThat(plain.getClass()).as("the type of %s", value).isEqualTo(decoded.get("v").getClass());
            }
        }
    }

    @Test
    void otherValuesGoAsJson() {
        assertThat(TriggerRunner.plain(new HazelcastJsonValue("{\"a\": 1}"))).isSameAs(TriggerRunner.NOT_PLAIN);
        assertThat(TriggerRunner.plain(1.5f)).isSameAs(TriggerRunner.NOT_PLAIN);
        assertThat(TriggerRunner.plain(new byte[] {1})).isSameAs(TriggerRunner.NOT_PLAIN);
        assertThat(TriggerRunner.plain(java.math.BigDecimal.ONE)).isSameAs(TriggerRunner.NOT_PLAIN);
    }
}
