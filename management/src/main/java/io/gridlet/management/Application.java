package io.gridlet.management;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** The standalone node's Micronaut application. */
@OpenAPIDefinition(
        info = @Info(title = "Gridlet", version = "1",
                description = "Deploy, invoke and watch functions that run next to their data."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer")
public final class Application {

    private Application() {
    }

    /** Starts the node: the member joins, then the API listens. */
    public static ApplicationContext start(String[] args) {
        return Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
