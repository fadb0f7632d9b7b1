package io.gridlet.node;

/**
 * How a trigger's event ended on a member. {@link #tag()} is the name the REST API and the
 * {@code outcome} tag of {@code gridlet.trigger.events} publish.
 */
public enum TriggerOutcome {
    /** The function ran and its result, if any, was written. */
    SUCCESS("success"),
    /** The function failed and the event was tried again. */
    RETRIED("retried"),
    /** The function kept failing and the event was kept as a dead letter. */
    DEAD_LETTER("dead_letter"),
    /** The event was lost before it was read: the map's journal overflowed. */
    LOST("lost");

    private final String tag;

    TriggerOutcome(String tag) {
        this.tag = tag;
    }

    /** {@return its name in metrics and over REST} */
    public String tag() {
        return tag;
    }

    /**
     * From its tag.
     *
     * @param tag its name in metrics
     * @return the outcome, or {@code null} for a tag that is not an outcome
     */
    public static TriggerOutcome ofTag(String tag) {
        for (TriggerOutcome outcome : values()) {
            if (outcome.tag.equals(tag)) {
                return outcome;
            }
        }
        return null;
    }
}
