package io.gridlet.management.problem;

import io.gridlet.api.UnavailableException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * 503: the grid refused before applying anything, for example because this node's member has
 * lost its split-brain quorum; the detail says which. Not logged here: the member logs each change
 * of its quorum once, and a refusal per request would flood the log.
 */
@Produces(Problems.MEDIA_TYPE)
@Singleton
public class UnavailableHandler implements ExceptionHandler<UnavailableException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, UnavailableException error) {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Grid unavailable", error.getMessage())
                .header("Retry-After", "1");
    }
}
