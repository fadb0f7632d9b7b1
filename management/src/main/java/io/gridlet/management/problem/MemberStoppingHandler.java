package io.gridlet.management.problem;

import com.hazelcast.core.HazelcastInstanceNotActiveException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** The node's member is shutting down (or gone) while a request was served: 503 unavailable. */
@Produces(Problems.MEDIA_TYPE)
@Singleton
public class MemberStoppingHandler implements ExceptionHandler<HazelcastInstanceNotActiveException, HttpResponse<?>> {

    private final GridFailures failures;

    MemberStoppingHandler(GridFailures failures) {
        this.failures = failures;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, HazelcastInstanceNotActiveException error) {
        return failures.answer(request, error);
    }
}
