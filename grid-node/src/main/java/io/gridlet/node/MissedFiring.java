package io.gridlet.node;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.gridlet.api.BadInputException;

/** What a schedule's firing missed while no member could run it does when one can. */
public enum MissedFiring {
    /** It runs once, late. */
    RUN_ONCE("run-once"),
    /** It is skipped; the schedule goes on from its next time. */
    SKIP("skip");

    private final String text;

    MissedFiring(String text) {
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
    public static MissedFiring of(String text) {
        for (MissedFiring policy : values()) {
            if (policy.text.equals(text)) {
                return policy;
            }
        }
        throw new BadInputException("missed must be run-once or skip: " + text);
    }
}
