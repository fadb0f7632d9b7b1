package io.gridlet.management.problem;

import io.gridlet.api.GridletException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** 503: the grid could not serve the request. */
@Produces(Problems.MEDIA_TYPE)
@Singleton
public class GridletHandler implements ExceptionHandler<GridletException, HttpResponse<?>> {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GridletHandler.class);

    /** Its message may name internal classes: it is logged here, once, and the body says what happened. */
    @Override
    public HttpResponse<?> handle(HttpRequest request, GridletException error) {
        LOG.warn("{} {} could not be served", request.getMethod(), request.getPath(), error);
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Grid unavailable",
                "the grid could not serve the request; the node's log has the cause");
    }
}
