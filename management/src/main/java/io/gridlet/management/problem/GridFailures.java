package io.gridlet.management.problem;

import io.gridlet.api.GridletException;
import io.gridlet.api.OutcomeUnknownException;
import io.gridlet.api.OverloadedException;
import io.gridlet.api.TimedOutException;
import io.gridlet.api.UnavailableException;
import io.gridlet.node.GridErrors;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import jakarta.inject.Singleton;

/**
 * Answers for a grid exception that reached the API untranslated: it is turned into its typed
 * Gridlet error ({@link GridErrors}) and answered by that type's own handler, so each kind of
 * error keeps one mapping to a status. Controllers translate what they call; this is the net
 * under them.
 */
@Singleton
final class GridFailures {

    private final UnavailableHandler unavailable;
    private final OutcomeUnknownHandler outcomeUnknown;
    private final TimedOutHandler timedOut;
    private final OverloadedHandler overloaded;
    private final GridletHandler other;

    GridFailures(UnavailableHandler unavailable, OutcomeUnknownHandler outcomeUnknown, TimedOutHandler timedOut,
                 OverloadedHandler overloaded, GridletHandler other) {
        this.unavailable = unavailable;
        this.outcomeUnknown = outcomeUnknown;
        this.timedOut = timedOut;
        this.overloaded = overloaded;
        this.other = other;
    }

    HttpResponse<?> answer(HttpRequest<?> request, RuntimeException error) {
        GridletException typed = GridErrors.translate(error, request.getMethod() + " " + request.getPath());
        if (typed instanceof UnavailableException refused) {
            return unavailable.handle(request, refused);
        }
        if (typed instanceof OutcomeUnknownException unknown) {
            return outcomeUnknown.handle(request, unknown);
        }
        if (typed instanceof TimedOutException late) {
            return timedOut.handle(request, late);
        }
        if (typed instanceof OverloadedException busy) {
            return overloaded.handle(request, busy);
        }
        return other.handle(request, typed);
    }
}
