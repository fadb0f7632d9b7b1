package io.gridlet.management.problem;

import io.gridlet.api.TimedOutException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** 504: the call's deadline passed before its answer. */
@Produces(Problems.MEDIA_TYPE)
@Singleton
public class TimedOutHandler implements ExceptionHandler<TimedOutException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, TimedOutException error) {
        return Problems.of(HttpStatus.GATEWAY_TIMEOUT, "timed-out", "Deadline passed", error.getMessage());
    }
}
