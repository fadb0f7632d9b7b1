package io.gridlet.node;

import java.util.Objects;

/**
 * One deployed version of a function, as the catalog knows it.
 *
 * @param version    the version
 * @param sha256     the SHA-256 of its jar, in hex
 * @param className  the class of the function in that jar
 * @param spec       its spec at this version: timeout, concurrency, description
 * @param deployedAt when it was deployed, epoch millis
 * @param deployedBy who deployed it, as the deploy said
 */
public record FunctionVersion(String version, String sha256, String className, FunctionSpec spec, long deployedAt,
                              String deployedBy) {

    /**
     * Checks that the version, jar, class and spec are given.
     *
     * @param version    the version
     * @param sha256     the SHA-256 of its jar, in hex
     * @param className  the class of the function in that jar
     * @param spec       its spec at this version: timeout, concurrency, description
     * @param deployedAt when it was deployed, epoch millis
     * @param deployedBy who deployed it, as the deploy said
     */
    public FunctionVersion {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(spec, "spec");
    }
}
