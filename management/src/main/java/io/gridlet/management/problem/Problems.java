package io.gridlet.management.problem;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Builds the problem responses of the API: RFC 9457 fields only. The body is a plain record, not
 * an exception object, so nothing of a stack can leak into it.
 */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://gridlet.io/problems/";

    private Problems() {
    }

    /** The body of every error the API answers. */
    @Serdeable
    public record Problem(String type, String title, int status, String detail) {
    }

    /** The {@code type} of a problem of this kind. */
    public static String type(String kind) {
        return TYPE_BASE + kind;
    }

    public static MutableHttpResponse<Problem> of(HttpStatus status, String kind, String title, String detail) {
        return HttpResponse.<Problem>status(status).contentType(MEDIA_TYPE)
                .body(new Problem(TYPE_BASE + kind, title, status.getCode(), detail));
    }
}
