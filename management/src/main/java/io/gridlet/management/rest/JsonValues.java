package io.gridlet.management.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.HazelcastJsonValue;
import com.fasterxml.jackson.databind.DeserializationFeature;
import io.gridlet.node.StoredValues;
import io.gridlet.api.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Map values as the contract writes them: JSON integers become {@code Long}, other numbers
 * {@code Double}, strings {@code String}, booleans {@code Boolean}; objects and arrays are kept as
 * {@code HazelcastJsonValue}, which Hazelcast SQL and predicates can query. And back.
 */
final class JsonValues {

    private final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    /** A request body as a function's input: its JSON bytes as they are, checked to be JSON; null when empty. */
    io.gridlet.node.Payload input(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        parse(body);
        return io.gridlet.node.Payload.json(body);
    }

    JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new BadInputException("the body is empty; send a JSON value");
        }
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw new BadInputException("the body is not valid JSON: " + reason);
        }
    }

    Object toValue(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw new BadInputException("null is not a value; DELETE the entry instead");
        }
        return StoredValues.of(node);
    }

    Map<String, Object> toValues(JsonNode object) {
        if (!object.isObject()) {
            throw new BadInputException("a bulk write is a JSON object of key to value");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            values.put(Names.key(field.getKey()), toValue(field.getValue()));
        }
        return values;
    }

    byte[] toJson(Object value) {
        if (value instanceof HazelcastJsonValue json) {
            return json.getValue().getBytes(StandardCharsets.UTF_8);
        }
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new BadInputException("the value is not representable as JSON: " + e.getOriginalMessage());
        }
    }
}
