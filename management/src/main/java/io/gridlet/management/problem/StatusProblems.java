package io.gridlet.management.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.micronaut.problem.ProblemErrorResponseProcessor;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import jakarta.inject.Singleton;
import java.util.Locale;

/**
 * The body of every error the HTTP server answers by itself, before or without a route: no such
 * route (404), wrong method (405), wrong content type (415), a request over one of the server's
 * limits. Each gets a problem in the API's own format, with a kind and a detail, instead of an
 * empty {@code about:blank}.
 *
 * <p>Netty refuses an oversized request while decoding it, and the server reports every such
 * refusal as 413. Here it says which limit it was: 431 for the headers, 414 for the request line,
 * 413 for the body, each naming the limit and the setting that raises it. Nothing is logged: an
 * oversized request is the client's error.
 */
@Singleton
@Replaces(ProblemErrorResponseProcessor.class)
public class StatusProblems implements ErrorResponseProcessor<Problems.Problem> {

    private final NettyHttpServerConfiguration server;

    public StatusProblems(NettyHttpServerConfiguration server) {
        this.server = server;
    }

    @Override
    public MutableHttpResponse<Problems.Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        Throwable decoding = decoderFailure(context.getRequest());
        if (decoding instanceof TooLongHttpHeaderException) {
            return rewrite(response, HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "headers-too-large",
                    "Request headers too large", "the request's headers are larger than this node's limit of "
                            + server.getMaxHeaderSize() + " bytes (micronaut.server.netty.max-header-size)");
        }
        if (decoding instanceof TooLongHttpLineException) {
            return rewrite(response, HttpStatus.REQUEST_URI_TOO_LONG, "uri-too-long", "Request line too long",
                    "the request line is longer than this node's limit of " + server.getMaxInitialLineLength()
                            + " bytes (micronaut.server.netty.max-initial-line-length)");
        }
        if (status == HttpStatus.REQUEST_ENTITY_TOO_LARGE) {
            return rewrite(response, status, "too-large", "Body too large",
                    "the request's body is larger than this node's limit of " + server.getMaxRequestSize()
                            + " bytes (micronaut.server.max-request-size)");
        }
        String detail = context.getErrors().stream().map(Error::getMessage).findFirst()
                .orElse(status.getReason());
        return rewrite(response, status, kind(status), status.getReason(), detail);
    }

    private static Throwable decoderFailure(HttpRequest<?> request) {
        if (request instanceof NettyHttpRequest<?> netty && netty.getNativeRequest().decoderResult().isFailure()) {
            return netty.getNativeRequest().decoderResult().cause();
        }
        return null;
    }

    private static String kind(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "bad-input";
            case UNAUTHORIZED -> "unauthorized";
            case FORBIDDEN -> "forbidden";
            case NOT_FOUND -> "not-found";
            case INTERNAL_SERVER_ERROR -> "internal-error";
            default -> status.getReason().toLowerCase(Locale.ROOT).replace(' ', '-');
        };
    }

    private static MutableHttpResponse<Problems.Problem> rewrite(MutableHttpResponse<?> response, HttpStatus status,
                                                                 String kind, String title, String detail) {
        return response.status(status).contentType(Problems.MEDIA_TYPE)
                .body(new Problems.Problem(Problems.type(kind), title, status.getCode(), detail));
    }
}
