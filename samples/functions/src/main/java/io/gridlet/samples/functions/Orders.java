package io.gridlet.samples.functions;

import com.hazelcast.core.HazelcastJsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an order's lines from its JSON, {@code {"lines":[{"sku":..,"quantity":..,"price":..}]}},
 * with nothing but the JDK: a function jar carries no JSON library of its own.
 */
final class Orders {

    /** One line of an order. */
    record Line(String sku, long quantity, double price) {
    }

    private static final Pattern LINE = Pattern.compile(
            "\\{[^{}]*\"sku\"\\s*:\\s*\"([^\"]*)\"[^{}]*\"quantity\"\\s*:\\s*(\\d+)[^{}]*\"price\"\\s*:\\s*([0-9.]+)[^{}]*}");

    private Orders() {
    }

    static List<Line> lines(HazelcastJsonValue order) {
        List<Line> lines = new ArrayList<>();
        Matcher matcher = LINE.matcher(order.getValue());
        while (matcher.find()) {
            lines.add(new Line(matcher.group(1), Long.parseLong(matcher.group(2)), Double.parseDouble(matcher.group(3))));
        }
        return lines;
    }
}
