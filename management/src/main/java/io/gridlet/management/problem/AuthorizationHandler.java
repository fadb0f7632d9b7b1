package io.gridlet.management.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

/** 401 without a valid token, 403 with a token whose role may not do this. */
@Produces(Problems.MEDIA_TYPE)
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
public class AuthorizationHandler implements ExceptionHandler<AuthorizationException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, AuthorizationException error) {
        if (error.isForbidden()) {
            return Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                    "this token's role may not " + request.getMethod() + " " + request.getPath());
        }
        return Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                "send a valid token as 'Authorization: Bearer TOKEN'")
                .header("WWW-Authenticate", "Bearer");
    }
}
