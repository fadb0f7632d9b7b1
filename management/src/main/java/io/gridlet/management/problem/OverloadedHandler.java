package io.gridlet.management.problem;

import io.gridlet.api.OverloadedException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** 429: a concurrency limit was reached; the call did not run. */
@Produces(Problems.MEDIA_TYPE)
@Singleton
public class OverloadedHandler implements ExceptionHandler<OverloadedException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, OverloadedException error) {
        return Problems.of(HttpStatus.TOO_MANY_REQUESTS, "overloaded", "Overloaded", error.getMessage());
    }
}
