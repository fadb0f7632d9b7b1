package io.gridlet.management.problem;

import io.gridlet.api.NoMembersException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** 503: no member could run the call. */
@Produces(Problems.MEDIA_TYPE)
@Singleton
public class NoMembersHandler implements ExceptionHandler<NoMembersException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, NoMembersException error) {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "no-members", "No member available", error.getMessage());
    }
}
