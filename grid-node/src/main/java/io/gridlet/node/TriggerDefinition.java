package io.gridlet.node;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A trigger, as created (contract section 3): a function fired by map events, a schedule or a
 * topic. Each kind checks its fields when built; a bad field is a
 * {@link io.gridlet.api.BadInputException} naming it. As JSON, its {@code type} says which kind it
 * is: {@code map-event}, {@code schedule} or {@code topic}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = MapEventTrigger.class, name = MapEventTrigger.TYPE),
        @JsonSubTypes.Type(value = ScheduleTrigger.class, name = ScheduleTrigger.TYPE),
        @JsonSubTypes.Type(value = TopicTrigger.class, name = TopicTrigger.TYPE)
})
public sealed interface TriggerDefinition permits MapEventTrigger, ScheduleTrigger, TopicTrigger {

    /** {@return the trigger's name, unique in the cluster} */
    String name();

    /** {@return the function it invokes} */
    String function();

    /** {@return its kind, as the REST API and the JSON name it: {@code map-event}, {@code schedule} or {@code topic}} */
    String type();

    /**
     * A definition from its JSON, as the REST API takes it:
     * {@code {"type": "schedule", "name": "tick", "function": "tick", "intervalMillis": 1000}}.
     *
     * @param json UTF-8 JSON text
     * @return the definition, checked
     * @throws io.gridlet.api.BadInputException naming the field that is wrong, or saying the JSON is not a trigger
     */
    static TriggerDefinition fromJson(byte[] json) {
        return TriggerJson.read(json);
    }

    /** {@return this definition as JSON, with its {@code type}; {@link #fromJson} reads it back equal} */
    default String toJson() {
        return TriggerJson.write(this);
    }
}
