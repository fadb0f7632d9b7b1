package io.gridlet.management.problem;

import io.gridlet.api.UnknownFunctionException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** 404: the function, or the version asked for, is not deployed. */
@Produces(Problems.MEDIA_TYPE)
@Singleton
public class UnknownFunctionHandler implements ExceptionHandler<UnknownFunctionException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, UnknownFunctionException error) {
        return Problems.of(HttpStatus.NOT_FOUND, "unknown-function", "Unknown function", error.getMessage());
    }
}
