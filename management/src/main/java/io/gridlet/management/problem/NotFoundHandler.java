package io.gridlet.management.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** 404: the entry or resource does not exist. */
@Produces(Problems.MEDIA_TYPE)
@Singleton
public class NotFoundHandler implements ExceptionHandler<NotFoundException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, NotFoundException error) {
        return Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", error.getMessage());
    }
}
