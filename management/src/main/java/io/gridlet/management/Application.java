package io.gridlet.management;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.EmbeddedApplication;
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

    /**
     * Starts the node: the member joins, then the API listens. Failures propagate to the caller,
     * which reports them; Micronaut's own start would log a stack and exit on its own.
     */
    public static ApplicationContext start(String[] args) {
        ApplicationContext context = Micronaut.build(args).mainClass(Application.class).banner(false).build();
        try {
            context.start();
            context.findBean(EmbeddedApplication.class).ifPresent(EmbeddedApplication::start);
            return context;
        } catch (RuntimeException e) {
            if (context.isRunning()) {
                context.close();
            }
            throw e;
        }
    }
}
