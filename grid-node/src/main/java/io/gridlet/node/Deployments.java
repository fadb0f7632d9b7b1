package io.gridlet.node;

import java.util.List;

/**
 * Functions deployed as jars, cluster-wide: a deploy on any member makes the jar's functions
 * invocable on every member, including members that join later, with no restart.
 *
 * <p>Versions are immutable: {@code name@version} with other bytes is a conflict, the same
 * bytes again change nothing. Each function has a live version, which calls without a version
 * run, and may send a percentage of those calls to a canary version. Thread-safe; every method
 * blocks until the grid has taken the change.
 */
public interface Deployments {

    /**
     * Deploys a jar.
     *
     * @param jar     the jar's bytes: function classes and their {@code META-INF/services} entry
     * @param options its version, whether to make it live, who deploys it
     * @return what was deployed
     * @throws io.gridlet.api.BadInputException naming what is wrong with the jar; nothing is stored
     * @throws io.gridlet.api.VersionConflictException if a version exists with other bytes
     */
    DeployResult deploy(byte[] jar, DeployOptions options);

    /**
     * Deploys a jar at its manifest version (or its sha-256 prefix) and makes it live.
     *
     * @param jar the jar's bytes
     * @return what was deployed
     */
    default DeployResult deploy(byte[] jar) {
        return deploy(jar, DeployOptions.DEFAULT);
    }

    /**
     * Makes {@code version} live, with an optional canary taking {@code canaryPercent} percent of
     * the calls without a version. Also how a version is rolled back.
     *
     * @param name          the function
     * @param version       the version to make live
     * @param canaryVersion the version taking part of the calls, or {@code null}
     * @param canaryPercent its share of the calls without a version, 0 to 100
     * @return the function as the catalog now holds it
     * @throws io.gridlet.api.UnknownFunctionException if the function or a version is missing
     * @throws io.gridlet.api.BadInputException if the percentage is not 0 to 100
     */
    FunctionInfo activate(String name, String version, String canaryVersion, int canaryPercent);

    /**
     * Makes {@code version} live, with no canary.
     *
     * @param name    the function
     * @param version the version to make live
     * @return the function as the catalog now holds it
     */
    default FunctionInfo activate(String name, String version) {
        return activate(name, version, null, 0);
    }

    /**
     * Removes one version, or the whole function when {@code version} is null. Calls running it
     * finish first, up to their deadline; then its class loader is closed.
     *
     * @param name    the function
     * @param version the version, or {@code null} for the whole function
     * @throws io.gridlet.api.UnknownFunctionException if there is no such function or version
     * @throws io.gridlet.api.VersionConflictException if the version is live and others remain
     */
    void undeploy(String name, String version);

    /**
     * Every deployed function.
     *
     * @return the functions, by name
     */
    List<FunctionInfo> list();

    /**
     * One deployed function.
     *
     * @param name the function
     * @return the function as the catalog holds it
     * @throws io.gridlet.api.UnknownFunctionException if it is not deployed
     */
    FunctionInfo get(String name);

    /**
     * Class loaders of removed versions that the garbage collector has not reclaimed yet, on this member.
     *
     * @return how many
     */
    int retainedClassLoaders();
}
