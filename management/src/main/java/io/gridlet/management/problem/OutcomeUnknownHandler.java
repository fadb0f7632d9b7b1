package io.gridlet.management.problem;

import io.gridlet.api.OutcomeUnknownException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** 504: the call ran, but whether its writes survived a member failure is unknown. */
@Produces(Problems.MEDIA_TYPE)
@Singleton
public class OutcomeUnknownHandler implements ExceptionHandler<OutcomeUnknownException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, OutcomeUnknownException error) {
        return Problems.of(HttpStatus.GATEWAY_TIMEOUT, "outcome-unknown", "Outcome unknown", error.getMessage());
    }
}
