package io.gridlet.management.problem;

import com.hazelcast.core.HazelcastException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A grid error that reached the API as Hazelcast threw it: answered as its typed Gridlet error. */
@Produces(Problems.MEDIA_TYPE)
@Singleton
public class HazelcastExceptionHandler implements ExceptionHandler<HazelcastException, HttpResponse<?>> {

    private final GridFailures failures;

    HazelcastExceptionHandler(GridFailures failures) {
        this.failures = failures;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, HazelcastException error) {
        return failures.answer(request, error);
    }
}
