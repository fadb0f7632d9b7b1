package io.gridlet.node;

/**
 * Records of calls started asynchronously, kept in the grid ({@value #MAP}, backed up, expiring
 * after the retention period), so that any member or client can read one by its invocation id.
 * Thread-safe.
 */
public interface Invocations {

    /** The map that keeps the records. */
    String MAP = "gridlet.invocations";

    /**
     * The record of a call.
     *
     * @param invocationId the id its future and the REST API gave
     * @return the record
     * @throws io.gridlet.api.UnknownInvocationException if there is none: a wrong id, or its retention passed
     */
    InvocationRecord get(String invocationId);
}
