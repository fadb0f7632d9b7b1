package io.gridlet.management.security;

/** The two roles: an admin may do everything, a viewer may only read. */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String VIEWER = "viewer";

    private Roles() {
    }
}
