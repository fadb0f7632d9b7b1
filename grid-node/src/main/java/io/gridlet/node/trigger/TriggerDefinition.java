package io.gridlet.node.trigger;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gridlet.api.BadInputException;
import java.util.List;
import java.util.Set;

/**
 * A trigger, as created (contract section 3). Checked when built; a bad field is a
 * {@link BadInputException} naming it.
 *
 * @param name           the trigger's name
 * @param function       the function it invokes
 * @param type           {@code map-event}, {@code schedule} or {@code topic}
 * @param map            for map-event: the map whose events fire it
 * @param events         for map-event: which of ADDED, UPDATED, REMOVED (default all three)
 * @param intervalMillis for schedule: the fixed rate
 * @param cron           for schedule: a Quartz cron expression, seconds first ({@code *}{@code /2 * * * * ?})
 * @param topic          for topic: the reliable topic
 * @param resultMap      for map-event: where non-null outputs go, under the event's key
 * @param guarantee      for map-event: at-least-once (default) or exactly-once
 * @param missed         for schedule: what a firing missed while no member could run it does:
 *                       {@code run-once} (default, it runs once, late) or {@code skip}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TriggerDefinition(String name, String function, String type, String map, List<String> events,
                                Long intervalMillis, String cron, String topic, String resultMap, String guarantee,
                                String missed) {

    public static final String MAP_EVENT = "map-event";
    public static final String SCHEDULE = "schedule";
    public static final String TOPIC = "topic";
    public static final String AT_LEAST_ONCE = "at-least-once";
    public static final String EXACTLY_ONCE = "exactly-once";
    public static final String RUN_ONCE = "run-once";
    public static final String SKIP = "skip";
    static final Set<String> EVENT_TYPES = Set.of("ADDED", "UPDATED", "REMOVED");

    /** A definition with the default policy for missed firings. */
    public TriggerDefinition(String name, String function, String type, String map, List<String> events,
                             Long intervalMillis, String cron, String topic, String resultMap, String guarantee) {
        this(name, function, type, map, events, intervalMillis, cron, topic, resultMap, guarantee, null);
    }

    public TriggerDefinition {
        name = requireName("name", name);
        function = requireName("function", function);
        if (type == null || !Set.of(MAP_EVENT, SCHEDULE, TOPIC).contains(type)) {
            throw new BadInputException("type must be map-event, schedule or topic: " + type);
        }
        guarantee = guarantee == null ? AT_LEAST_ONCE : guarantee;
        switch (type) {
            case MAP_EVENT -> {
                map = requireName("map", map);
                events = events == null || events.isEmpty() ? List.of("ADDED", "UPDATED", "REMOVED") : List.copyOf(events);
                for (String event : events) {
                    if (!EVENT_TYPES.contains(event)) {
                        throw new BadInputException("events may hold ADDED, UPDATED and REMOVED: " + event);
                    }
                }
                if (resultMap != null) {
                    resultMap = requireName("resultMap", resultMap);
                }
                if (!guarantee.equals(AT_LEAST_ONCE) && !guarantee.equals(EXACTLY_ONCE)) {
                    throw new BadInputException("guarantee must be at-least-once or exactly-once: " + guarantee);
                }
            }
            case SCHEDULE -> {
                if ((cron == null) == (intervalMillis == null)) {
                    throw new BadInputException("a schedule needs either intervalMillis or cron, not both or neither");
                }
                if (intervalMillis != null && intervalMillis < 10) {
                    throw new BadInputException("a schedule needs intervalMillis of at least 10: " + intervalMillis);
                }
                if (cron != null) {
                    Schedules.parse(cron);
                }
                missed = missed == null ? RUN_ONCE : missed;
                if (!missed.equals(RUN_ONCE) && !missed.equals(SKIP)) {
                    throw new BadInputException("missed must be run-once or skip: " + missed);
                }
            }
            case TOPIC -> topic = requireName("topic", topic);
            default -> throw new IllegalStateException(type);
        }
    }

    static String requireName(String field, String value) {
        if (value == null || value.isBlank() || value.length() > 200) {
            throw new BadInputException(field + " must be 1 to 200 characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')) {
                throw new BadInputException(field + " may hold only letters, digits, '.', '-' and '_': " + value);
            }
        }
        if (!field.equals("function") && !field.equals("name") && value.startsWith("gridlet.")) {
            throw new BadInputException(field + " " + value + " is reserved");
        }
        return value;
    }
}
