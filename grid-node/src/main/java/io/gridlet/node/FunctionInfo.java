package io.gridlet.node;

import java.util.List;

/**
 * A deployed function as the catalog holds it.
 *
 * @param name          its name
 * @param versions      its versions, oldest first
 * @param live          the version calls without one run
 * @param canary        a version taking part of those calls, or {@code null}
 * @param canaryPercent the canary's share, 0 to 100
 */
public record FunctionInfo(String name, List<FunctionVersion> versions, String live, String canary,
                           int canaryPercent) {

    /**
     * Checks the fields and copies the collections; see the class comment.
     *
     * @param name          its name
     * @param versions      its versions, oldest first
     * @param live          the version calls without one run
     * @param canary        a version taking part of those calls, or {@code null}
     * @param canaryPercent the canary's share, 0 to 100
     */
    public FunctionInfo {
        versions = List.copyOf(versions);
    }
}
