package io.gridlet.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlet.api.BadInputException;
import io.gridlet.api.Function;
import io.gridlet.api.FunctionContext;
import io.gridlet.api.FunctionFailedException;
import io.gridlet.api.GridFunction;
import io.gridlet.api.RoutedEntry;
import io.gridlet.api.UnknownFunctionException;
import io.gridlet.node.GridNode;
import io.gridlet.node.Invocation;
import io.gridlet.node.Invoker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension gives each test class a real member with its functions, as the class comment promises. */
class GridletExtensionTest {

    @RegisterExtension
    static final GridletExtension GRID = GridletExtension.withFunctions(Counter.class, Fails.class);

    /** Adds its input to the routed entry and answers the new total. */
    @Function(name = "kit.count")
    public static final class Counter implements GridFunction<Long, Long> {
        @Override
        public Long apply(Long by, FunctionContext ctx) {
            RoutedEntry<Long> entry = ctx.entry();
            long total = (entry.get() == null ? 0 : entry.get()) + by;
            entry.set(total);
            return total;
        }
    }

    /** Always throws. */
    @Function(name = "kit.fails")
    public static final class Fails implements GridFunction<String, String> {
        @Override
        public String apply(String input, FunctionContext ctx) {
            throw new IllegalStateException("no " + input);
        }
    }

    @Test
    void runsTheRegisteredFunctionsOnARealMemberAndItsMaps() {
        GRID.map("counts").set("a", 40L);
        assertThat(GRID.invoker().invokeOnKey("kit.count", "counts", "a", 2L, Long.class)).isEqualTo(42L);
        assertThat(GRID.<String, Long>map("counts").get("a")).isEqualTo(42L);
    }

    @Test
    void errorsAreTypedAsOnAGrid() {
        assertThatThrownBy(() -> GRID.invoker().invoke(Invocation.of("kit.fails").input("luck").build(), String.class))
                .isInstanceOf(FunctionFailedException.class).hasMessageContaining("no luck");
        assertThatThrownBy(() -> GRID.invoker().invoke(Invocation.of("kit.missing").build(), String.class))
                .isInstanceOf(UnknownFunctionException.class);
        assertThatThrownBy(() -> GRID.invoker().invokeOnKey("kit.count", "counts", "b", "not a number", Long.class))
                .isInstanceOf(BadInputException.class);
    }

    @Test
    void aTestMayTakeTheMemberOrItsInvoker(GridNode node, Invoker invoker) {
        assertThat(node).isSameAs(GRID.node());
        assertThat(node.hazelcast().getCluster().getMembers()).hasSize(1);
        assertThat(node.hazelcast().getConfig().getClusterName()).startsWith("test-kit-");
        assertThat(invoker.invokeOnKey("kit.count", "counts", "c", 1L, Long.class)).isEqualTo(1L);
    }
}
