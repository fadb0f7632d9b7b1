package io.gridlet.node;

/** How a member finds the others. */
public enum Discovery {
    /** A fixed list of seed addresses. */
    TCP,
    /** IP multicast on the local network. */
    MULTICAST,
    /** The DNS records of a Kubernetes headless service. */
    KUBERNETES
}
