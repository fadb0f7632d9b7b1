package io.gridlet.node.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlet.api.Function;
import io.gridlet.api.FunctionContext;
import io.gridlet.api.GridFunction;
import io.gridlet.api.UnknownFunctionException;
import io.gridlet.api.VersionConflictException;
import io.gridlet.node.FunctionSpec;
import io.gridlet.node.internal.codec.PayloadCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalFunctionRegistryTest {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final LocalFunctionRegistry registry = new LocalFunctionRegistry(new PayloadCodec(), meters);

    @Function(name = "sum", timeoutMillis = 1234, maxConcurrency = 5, description = "adds")
    public static final class Sum implements GridFunction<List<Long>, Long> {
        @Override
        public Long apply(List<Long> input, FunctionContext ctx) {
            return input.stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Type arguments come through an abstract parent. */
    abstract static class Base<T> implements GridFunction<T, String> {
    }

    @Function(name = "inherited")
    public static final class Inherited extends Base<Duration> {
        @Override
        public String apply(Duration input, FunctionContext ctx) {
            return input.toString();
        }
    }

    public static final class NotAnnotated implements GridFunction<Object, Object> {
        @Override
        public Object apply(Object input, FunctionContext ctx) {
            return null;
        }
    }

    @Function(name = "throws")
    public static final class ThrowingConstructor implements GridFunction<Object, Object> {
        public ThrowingConstructor() {
            throw new IllegalStateException("no config");
        }

        @Override
        public Object apply(Object input, FunctionContext ctx) {
            return null;
        }
    }

    @Function(name = "private")
    public static final class NoPublicConstructor implements GridFunction<Object, Object> {
        private NoPublicConstructor() {
        }

        @Override
        public Object apply(Object input, FunctionContext ctx) {
            return null;
        }
    }

    @Test
    void annotationAndTypeArgumentsAreReadOnceAtRegistration() {
        FunctionSpec spec = registry.register(Sum.class);
        assertThat(spec).isEqualTo(new FunctionSpec("sum", "1", Duration.ofMillis(1234), 5, "adds", false));
        RegisteredFunction sum = registry.resolve("sum", null);
        assertThat(sum.inputType().toCanonical()).isEqualTo("java.util.List<java.lang.Long>");
        assertThat(sum.bulkhead().availablePermits()).isEqualTo(5);

        registry.register(Inherited.class);
        assertThat(registry.resolve("inherited", "1").inputType().getRawClass()).isEqualTo(Duration.class);
    }

    @Test
    void versionsAreImmutableAndTheLiveOneMoves() {
        registry.register(FunctionSpec.named("f").version("1").build(), Object.class, (input, ctx) -> 1);
        registry.register(FunctionSpec.named("f").version("2").build(), Object.class, (input, ctx) -> 2);
        assertThat(registry.resolve("f", null).version()).isEqualTo("2");
        assertThatThrownBy(() -> registry.register(FunctionSpec.named("f").version("2").build(), Object.class,
                (input, ctx) -> 3)).isInstanceOf(VersionConflictException.class).hasMessageContaining("f@2");

        registry.activate("f", "1");
        assertThat(registry.resolve("f", null).version()).isEqualTo("1");
        assertThatThrownBy(() -> registry.activate("f", "9")).isInstanceOf(UnknownFunctionException.class);

        assertThat(registry.unregister("f", "1")).isTrue();
        assertThat(registry.resolve("f", null).version()).isEqualTo("2");
        assertThat(registry.unregister("f", null)).isTrue();
        assertThat(registry.resolve("f", null)).isNull();
        assertThat(registry.unregister("f", null)).isFalse();
        assertThat(meters.find("gridlet.function.invocations").tag("function", "f").counters()).isEmpty();
    }

    @Test
    void classesThatCannotBeFunctionsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> registry.register(NotAnnotated.class)).hasMessageContaining("has no @");
        assertThatThrownBy(() -> registry.register(ThrowingConstructor.class))
                .hasMessageContaining("constructor of")
                .hasMessageContaining("IllegalStateException: no config");
        assertThatThrownBy(() -> registry.register(NoPublicConstructor.class))
                .hasMessageContaining("has no public no-arg constructor");
        assertThatThrownBy(() -> LocalFunctionRegistry.instantiate(String.class))
                .hasMessageContaining("does not implement io.gridlet.api.GridFunction");
        assertThat(registry.versions()).isEmpty();
    }
}
