package io.gridlet.node.deploy;

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

    public FunctionInfo {
        versions = List.copyOf(versions);
    }

    static FunctionInfo of(CatalogEntry entry) {
        return new FunctionInfo(entry.name(), List.copyOf(entry.versions()), entry.live(), entry.canary(),
                entry.canaryPercent());
    }
}
