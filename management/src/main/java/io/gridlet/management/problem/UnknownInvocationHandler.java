package io.gridlet.management.problem;

import io.gridlet.api.UnknownInvocationException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** 404: no record of the invocation id. */
@Produces(Problems.MEDIA_TYPE)
@Singleton
public class UnknownInvocationHandler implements ExceptionHandler<UnknownInvocationException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, UnknownInvocationException error) {
        return Problems.of(HttpStatus.NOT_FOUND, "unknown-invocation", "Unknown invocation", error.getMessage());
    }
}
