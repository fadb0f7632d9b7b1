package io.gridlet.node;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Fires its function for each message published on a reliable topic, on the member that received it.
 *
 * @param name     the trigger's name
 * @param function the function it invokes
 * @param topic    the reliable topic
 */
public record TopicTrigger(String name, String function, String topic) implements TriggerDefinition {

    /** Its {@link #type()}. */
    public static final String TYPE = "topic";

    /**
     * Checks the names.
     *
     * @param name     the trigger's name
     * @param function the function it invokes
     * @param topic    the reliable topic
     */
    public TopicTrigger {
        Names.trigger(name);
        Names.function(function);
        Names.topic(topic);
    }

    @JsonIgnore
    @Override
    public String type() {
        return TYPE;
    }
}
