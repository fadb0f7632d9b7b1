package io.gridlet.management.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code gridlet.security.*}: the bearer tokens ({@code GRIDLET_ADMIN_TOKEN},
 * {@code GRIDLET_VIEWER_TOKEN}) and whether {@code /prometheus} is open.
 */
@ConfigurationProperties("gridlet.security")
public class SecuritySettings {

    @Nullable
    private String adminToken;
    @Nullable
    private String viewerToken;
    private boolean openMetrics;

    public String getAdminToken() {
        return adminToken;
    }

    public void setAdminToken(String adminToken) {
        this.adminToken = adminToken;
    }

    public String getViewerToken() {
        return viewerToken;
    }

    public void setViewerToken(String viewerToken) {
        this.viewerToken = viewerToken;
    }

    public boolean isOpenMetrics() {
        return openMetrics;
    }

    public void setOpenMetrics(boolean openMetrics) {
        this.openMetrics = openMetrics;
    }

    /** A token's string form never shows in logs or dumps. */
    @Override
    public String toString() {
        return "SecuritySettings[adminToken=" + (adminToken == null ? "unset" : "set") + ", viewerToken="
                + (viewerToken == null ? "unset" : "set") + ", openMetrics=" + openMetrics + "]";
    }
}
