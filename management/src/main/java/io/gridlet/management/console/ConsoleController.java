package io.gridlet.management.console;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;

/**
 * The console's entry points: {@code /console} leads to its page, {@code /console/api} to Swagger UI. The files themselves are static
 * resources ({@code classpath:console}, mapped at {@code /console/**}).
 */
@Controller("/console")
@Hidden
public class ConsoleController {

    @Get
    public HttpResponse<?> index() {
        return HttpResponse.seeOther(URI.create("/console/index.html"));
    }

    /** Swagger UI over the node's OpenAPI document. */
    @Get("/api")
    public HttpResponse<?> api() {
        return HttpResponse.seeOther(URI.create("/console/api/index.html"));
    }
}
