package io.gridlet.node;

/**
 * How to deploy a jar.
 *
 * @param version    the version; {@code null} for the manifest's {@code Implementation-Version},
 *                   else the jar's sha-256 prefix
 * @param deployedBy who deploys, recorded with the artifact
 * @param activate   whether the new version becomes live
 */
public record DeployOptions(String version, String deployedBy, boolean activate) {

    /** The jar's own version (its manifest's, else its SHA-256 prefix), made live, deployed by {@code unknown}. */
    public static final DeployOptions DEFAULT = new DeployOptions(null, "unknown", true);

    /**
     * A blank {@code deployedBy} is recorded as {@code unknown}.
     *
     * @param version    the version; {@code null} for the manifest's {@code Implementation-Version},
     *                   else the jar's sha-256 prefix
     * @param deployedBy who deploys, recorded with the artifact
     * @param activate   whether the new version becomes live
     */
    public DeployOptions {
        deployedBy = deployedBy == null || deployedBy.isBlank() ? "unknown" : deployedBy;
    }

    /**
     * Options that deploy at {@code version} and make it live.
     *
     * @param version the version to deploy at
     * @return the options
     */
    public static DeployOptions version(String version) {
        return new DeployOptions(version, "unknown", true);
    }
}
