package io.gridlet.management.problem;

import io.gridlet.api.VersionConflictException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** 409: versions are immutable. */
@Produces(Problems.MEDIA_TYPE)
@Singleton
public class VersionConflictHandler implements ExceptionHandler<VersionConflictException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, VersionConflictException error) {
        return Problems.of(HttpStatus.CONFLICT, "version-conflict", "Version conflict", error.getMessage());
    }
}
