package io.gridlet.node;

/** A change of a map entry that can fire a {@link MapEventTrigger}. */
public enum MapEventType {
    /** An entry was added. */
    ADDED,
    /** An entry's value was replaced. */
    UPDATED,
    /** An entry was removed. */
    REMOVED
}
