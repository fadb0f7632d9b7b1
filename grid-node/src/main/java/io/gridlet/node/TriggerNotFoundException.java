package io.gridlet.node;

import io.gridlet.api.GridletException;

/** Thrown when a trigger of the given name does not exist. */
public class TriggerNotFoundException extends GridletException {

    private static final long serialVersionUID = 1L;

    /**
     * A trigger is not there.
     *
     * @param name the name asked for
     */
    public TriggerNotFoundException(String name) {
        super("no trigger named " + name, false);
    }
}
