package io.gridlet.node.trigger;

import io.gridlet.api.GridletException;

/** Thrown when a trigger of the given name does not exist. */
public class TriggerNotFoundException extends GridletException {

    private static final long serialVersionUID = 1L;

    public TriggerNotFoundException(String name) {
        super("no trigger named " + name, false);
    }
}
