package io.gridlet.management.problem;

import io.gridlet.api.FunctionFailedException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** 422: the function threw; detail carries its exception's message (never its class or stack). */
@Produces(Problems.MEDIA_TYPE)
@Singleton
public class FunctionFailedHandler implements ExceptionHandler<FunctionFailedException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, FunctionFailedException error) {
        return Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "function-failed", "Function failed", error.errorMessage() == null ? "the function threw without a message" : error.errorMessage());
    }
}
