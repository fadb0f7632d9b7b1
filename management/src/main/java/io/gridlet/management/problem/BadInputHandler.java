package io.gridlet.management.problem;

import io.gridlet.api.BadInputException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** 400: the input, request or jar is not what was expected. */
@Produces(Problems.MEDIA_TYPE)
@Singleton
public class BadInputHandler implements ExceptionHandler<BadInputException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, BadInputException error) {
        return Problems.of(HttpStatus.BAD_REQUEST, "bad-input", "Bad input", error.getMessage());
    }
}
