package io.gridlet.node;

import java.util.List;

/**
 * What a deploy did.
 *
 * @param functions the function names the jar declares
 * @param version   the version they were deployed at
 * @param sha256    the jar's sha-256
 * @param unchanged {@code true} if the same bytes were already deployed at this version
 */
public record DeployResult(List<String> functions, String version, String sha256, boolean unchanged) {

    /**
     * Checks the fields and copies the collections; see the class comment.
     *
     * @param functions the function names the jar declares
     * @param version   the version they were deployed at
     * @param sha256    the jar's sha-256
     * @param unchanged {@code true} if the same bytes were already deployed at this version
     */
    public DeployResult {
        functions = List.copyOf(functions);
    }
}
