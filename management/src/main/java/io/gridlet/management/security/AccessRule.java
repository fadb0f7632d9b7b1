package io.gridlet.management.security;

import io.gridlet.management.config.SecuritySettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Who may do what: {@code /health/**} and the console's static files ({@code GET /console/**},
 * which hold no data: the console reads the API with the operator's token) are open; {@code /prometheus} needs a viewer unless
 * {@code gridlet.security.open-metrics} is set; everything else needs a token, and only an admin
 * may change anything (a viewer may GET). A refusal without a token is 401, with a token too weak 403.
 */
@Singleton
public class AccessRule implements SecurityRule<HttpRequest<?>> {

    /** Before Micronaut's own rules: this one decides every path it knows. */
    public static final int ORDER = -1000;

    private final boolean openMetrics;

    public AccessRule(SecuritySettings settings) {
        this.openMetrics = settings.isOpenMetrics();
    }

    @Override
    public Publisher<SecurityRuleResult> check(@Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
        if (request == null) {
            return Mono.just(SecurityRuleResult.UNKNOWN);
        }
        String path = request.getPath();
        if (path.equals("/health") || path.startsWith("/health/")) {
            return allowed();
        }
        if ((path.equals("/console") || path.startsWith("/console/")) && request.getMethod() == HttpMethod.GET) {
            return allowed();
        }
        if (path.equals("/prometheus") && openMetrics) {
            return allowed();
        }
        if (authentication == null) {
            return rejected();
        }
        boolean admin = authentication.getRoles().contains(Roles.ADMIN);
        boolean reads = request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD
                || request.getMethod() == HttpMethod.OPTIONS;
        if (admin || (reads && authentication.getRoles().contains(Roles.VIEWER))) {
            return allowed();
        }
        return rejected();
    }

    private static Publisher<SecurityRuleResult> allowed() {
        return Mono.just(SecurityRuleResult.ALLOWED);
    }

    private static Publisher<SecurityRuleResult> rejected() {
        return Mono.just(SecurityRuleResult.REJECTED);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
