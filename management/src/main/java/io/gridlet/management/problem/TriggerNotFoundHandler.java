package io.gridlet.management.problem;

import io.gridlet.node.TriggerNotFoundException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** 404: no trigger of that name. */
@Produces(Problems.MEDIA_TYPE)
@Singleton
public class TriggerNotFoundHandler implements ExceptionHandler<TriggerNotFoundException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, TriggerNotFoundException error) {
        return Problems.of(HttpStatus.NOT_FOUND, "unknown-trigger", "Unknown trigger", error.getMessage());
    }
}
