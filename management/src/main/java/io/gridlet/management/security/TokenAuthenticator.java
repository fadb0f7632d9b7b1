package io.gridlet.management.security;

import io.gridlet.management.config.SecuritySettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Turns the bearer token Micronaut Security reads from {@code Authorization} into an admin or a
 * viewer. Tokens are compared in constant time ({@link MessageDigest#isEqual}), so the time of a
 * refusal says nothing about how much of a guess was right. A token is never logged (a Logback
 * filter drops any line that would carry one); the one exception is the admin token generated when
 * none is set, logged once at start so the operator can use it.
 */
@Singleton
public class TokenAuthenticator implements TokenValidator<HttpRequest<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(TokenAuthenticator.class);

    private final byte[] adminToken;
    private final byte[] viewerToken;
    private final String adminTokenText;

    public TokenAuthenticator(SecuritySettings settings) {
        String admin = settings.getAdminToken();
        if (admin == null || admin.isBlank()) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            admin = HexFormat.of().formatHex(random);
            LOG.warn("No gridlet.security.admin-token is set; generated admin token for this node: {}", admin);
        }
        this.adminTokenText = admin;
        this.adminToken = admin.getBytes(StandardCharsets.UTF_8);
        String viewer = settings.getViewerToken();
        this.viewerToken = viewer == null || viewer.isBlank() ? null : viewer.getBytes(StandardCharsets.UTF_8);
        if (admin.length() < 16 || (viewer != null && !viewer.isBlank() && viewer.length() < 16)) {
            LOG.warn("A bearer token shorter than 16 characters is easy to guess; use a long random one");
        }
        // From here on no log line may carry a token, at any level.
        TokenLogFilter.install(viewer == null || viewer.isBlank() ? List.of(admin) : List.of(admin, viewer));
    }

    @Override
    public Publisher<Authentication> validateToken(String token, @Nullable HttpRequest<?> request) {
        byte[] presented = token.getBytes(StandardCharsets.UTF_8);
        // Both comparisons always run, so the answer's timing does not tell which role matched.
        boolean admin = MessageDigest.isEqual(presented, adminToken);
        boolean viewer = viewerToken != null && MessageDigest.isEqual(presented, viewerToken);
        if (admin) {
            return Mono.just(Authentication.build(Roles.ADMIN, List.of(Roles.ADMIN, Roles.VIEWER)));
        }
        if (viewer) {
            return Mono.just(Authentication.build(Roles.VIEWER, List.of(Roles.VIEWER)));
        }
        return Mono.empty();
    }

    /** The admin token in force, for the demo that prints it; never logged from here. */
    public String adminToken() {
        return adminTokenText;
    }
}
