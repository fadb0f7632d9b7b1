package io.gridlet.node;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.EnumSet;
import java.util.List;

/**
 * Fires its function for each change of a map, on the member that owns the changed key: a Jet job
 * over the map's event journal.
 *
 * @param name      the trigger's name
 * @param function  the function it invokes
 * @param map       the map whose events fire it
 * @param events    which changes fire it; default all three
 * @param resultMap where non-null outputs go, under the event's key; {@code null} for none
 * @param guarantee how often each event's function runs; default {@link Guarantee#AT_LEAST_ONCE}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MapEventTrigger(String name, String function, String map, List<MapEventType> events,
                              String resultMap, Guarantee guarantee) implements TriggerDefinition {

    /** Its {@link #type()}. */
    public static final String TYPE = "map-event";

    /**
     * Checks the names; no events means all three, no guarantee at least once.
     *
     * @param name      the trigger's name
     * @param function  the function it invokes
     * @param map       the map whose events fire it
     * @param events    which changes fire it; default all three
     * @param resultMap where non-null outputs go, under the event's key; {@code null} for none
     * @param guarantee how often each event's function runs; default {@link Guarantee#AT_LEAST_ONCE}
     */
    public MapEventTrigger {
        Names.trigger(name);
        Names.function(function);
        Names.map(map);
        events = events == null || events.isEmpty() ? List.of(MapEventType.values())
                : List.copyOf(EnumSet.copyOf(events));
        if (resultMap != null) {
            Names.map(resultMap);
        }
        guarantee = guarantee == null ? Guarantee.AT_LEAST_ONCE : guarantee;
    }

    /**
     * A trigger on every change of {@code map}, at least once, keeping no results.
     *
     * @param name     the trigger's name
     * @param function the function it invokes
     * @param map      the map whose events fire it
     * @return the trigger
     */
    public static MapEventTrigger on(String name, String function, String map) {
        return new MapEventTrigger(name, function, map, null, null, null);
    }

    /**
     * This trigger, fired only by these changes.
     *
     * @param types the changes
     * @return a copy fired by them only
     */
    public MapEventTrigger onlyOn(MapEventType... types) {
        return new MapEventTrigger(name, function, map, List.of(types), resultMap, guarantee);
    }

    /**
     * This trigger, writing each non-null output to {@code results} under the event's key.
     *
     * @param results the map the outputs go to
     * @return a copy that keeps its results
     */
    public MapEventTrigger withResultsIn(String results) {
        return new MapEventTrigger(name, function, map, events, results, guarantee);
    }

    /**
     * This trigger, with another guarantee.
     *
     * @param newGuarantee the guarantee
     * @return a copy with the guarantee
     */
    public MapEventTrigger withGuarantee(Guarantee newGuarantee) {
        return new MapEventTrigger(name, function, map, events, resultMap, newGuarantee);
    }

    @JsonIgnore
    @Override
    public String type() {
        return TYPE;
    }
}
