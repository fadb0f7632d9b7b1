package io.gridlet.node.deploy;

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
     * @throws io.gridlet.api.BadInputException naming what is wrong with the jar; nothing is stored
     * @throws io.gridlet.api.VersionConflictException if a version exists with other bytes
     */
    DeployResult deploy(byte[] jar, DeployOptions options);

    /** Deploys a jar at its manifest version (or its sha-256 prefix) and makes it live. */
    default DeployResult deploy(byte[] jar) {
        return deploy(jar, DeployOptions.DEFAULT);
    }

    /**
     * Makes {@code version} live, with an optional canary taking {@code canaryPercent} percent of
     * the calls without a version. Also how a version is rolled back.
     *
     * @throws io.gridlet.api.UnknownFunctionException if the function or a version is missing
     * @throws io.gridlet.api.BadInputException if the percentage is not 0 to 100
     */
    FunctionInfo activate(String name, String version, String canaryVersion, int canaryPercent);

    default FunctionInfo activate(String name, String version) {
        return activate(name, version, null, 0);
    }

    /**
     * Removes one version, or the whole function when {@code version} is null. Calls running it
     * finish first, up to their deadline; then its class loader is closed.
     *
     * @throws io.gridlet.api.UnknownFunctionException if there is no such function or version
     * @throws io.gridlet.api.VersionConflictException if the version is live and others remain
     */
    void undeploy(String name, String version);

    /** Every deployed function, by name. */
    List<FunctionInfo> functions();

    /**
     * One deployed function.
     *
     * @throws io.gridlet.api.UnknownFunctionException if it is not deployed
     */
    FunctionInfo function(String name);

    /** Class loaders of removed versions that the garbage collector has not reclaimed yet, on this member. */
    int retainedClassLoaders();
}
