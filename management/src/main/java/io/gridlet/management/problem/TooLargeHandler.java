package io.gridlet.management.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** 413: the body is larger than its limit. */
@Produces(Problems.MEDIA_TYPE)
@Singleton
public class TooLargeHandler implements ExceptionHandler<TooLargeException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, TooLargeException error) {
        return Problems.of(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "too-large", "Body too large", error.getMessage());
    }
}
