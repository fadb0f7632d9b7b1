package io.gridlet.node.internal.invoke.caller;

import io.gridlet.node.FunctionSpec;

/**
 * What a caller knows of a function before calling it: its timeout, and whether it is
 * transactional (which decides its transport). A member reads its own registry; a client reads a
 * view of the catalog.
 */
@FunctionalInterface
public interface FunctionSpecs {

    /** The spec of {@code name} at {@code version} (the live one if null), or {@code null} if unknown here. */
    FunctionSpec find(String name, String version);
}
