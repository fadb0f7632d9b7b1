package io.gridlet.management.rest;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Who the caller's token makes them: the console shows actions only to an admin. */
@Controller("/api/v1/me")
public class SessionController {

    @Serdeable
    public record Me(String name, List<String> roles) {
    }

    @Get
    public Me me(Authentication authentication) {
        return new Me(authentication.getName(), authentication.getRoles().stream().sorted().toList());
    }
}
