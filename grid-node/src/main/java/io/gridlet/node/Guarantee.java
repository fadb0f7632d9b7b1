package io.gridlet.node;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.gridlet.api.BadInputException;

/** How often a map-event trigger runs its function per event, across failures and restarts. */
public enum Guarantee {
    /** At least once: after a failure, an event may run again. */
    AT_LEAST_ONCE("at-least-once"),
    /** Exactly once: each event's effects and result apply once, across member deaths and restores. */
    EXACTLY_ONCE("exactly-once");

    private final String text;

    Guarantee(String text) {
        this.text = text;
    }

    /** {@return its name in JSON and over REST} */
    @JsonValue
    public String text() {
        return text;
    }

    /**
     * From its name in JSON.
     *
     * @param text its name
     * @return the value
     * @throws io.gridlet.api.BadInputException if no value has that name
     */
    @JsonCreator
    public static Guarantee of(String text) {
        for (Guarantee guarantee : values()) {
            if (guarantee.text.equals(text)) {
                return guarantee;
            }
        }
        throw new BadInputException("guarantee must be at-least-once or exactly-once: " + text);
    }
}
