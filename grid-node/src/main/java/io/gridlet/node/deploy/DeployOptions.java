package io.gridlet.node.deploy;

/**
 * How to deploy a jar.
 *
 * @param version    the version; {@code null} for the manifest's {@code Implementation-Version},
 *                   else the jar's sha-256 prefix
 * @param deployedBy who deploys, recorded with the artifact
 * @param activate   whether the new version becomes live
 */
public record DeployOptions(String version, String deployedBy, boolean activate) {

    public static final DeployOptions DEFAULT = new DeployOptions(null, "unknown", true);

    public DeployOptions {
        deployedBy = deployedBy == null || deployedBy.isBlank() ? "unknown" : deployedBy;
    }

    public static DeployOptions version(String version) {
        return new DeployOptions(version, "unknown", true);
    }
}
