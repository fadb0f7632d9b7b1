package io.gridlet.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazelcast.core.HazelcastJsonValue;

/**
 * How Gridlet stores a JSON value in a map (contract section 2), the same through the REST API, a
 * trigger's results and a replay: integers as {@code Long}, other numbers as {@code Double},
 * strings as {@code String}, booleans as {@code Boolean}, objects and arrays as
 * {@link HazelcastJsonValue}, which Hazelcast SQL and predicates can query; JSON null as
 * {@code null}. Stateless.
 */
public final class StoredValues {

    private StoredValues() {
    }

    /**
     * The value to store for a JSON value.
     *
     * @param node the JSON value
     * @return a {@code Long}, {@code Double}, {@code String}, {@code Boolean} or {@code HazelcastJsonValue}; {@code null} for JSON null
     */
    public static Object of(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return new HazelcastJsonValue(node.toString());
    }
}
