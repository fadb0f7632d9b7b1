package ${package};

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlet.api.FunctionFailedException;
import io.gridlet.testkit.GridletExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ${functionName} on a real member: called by key, it counts each visitor's visits on the key's owner. */
class ${className}Test {

    @RegisterExtension
    static final GridletExtension GRID = GridletExtension.withFunctions(${className}.class);

    @Test
    void greetsAndCountsEachVisitorsVisits() {
        ${className}.Greeting first = GRID.invoker().invokeOnKey("${functionName}", "visits", "Ada",
                new ${className}.Visit("Ada"), ${className}.Greeting.class);
        ${className}.Greeting second = GRID.invoker().invokeOnKey("${functionName}", "visits", "Ada",
                new ${className}.Visit("Ada"), ${className}.Greeting.class);

        assertThat(first.text()).isEqualTo(${className}.GREETING + ", Ada!");
        assertThat(first.visits()).isEqualTo(1);
        assertThat(second.visits()).isEqualTo(2);
        assertThat(GRID.<String, Long>map("visits").get("Ada")).isEqualTo(2L);
    }

    @Test
    void aVisitWithoutANameFailsTyped() {
        assertThatThrownBy(() -> GRID.invoker().invokeOnKey("${functionName}", "visits", "nobody",
                new ${className}.Visit(" "), ${className}.Greeting.class))
                .isInstanceOf(FunctionFailedException.class).hasMessageContaining("a visit needs a name");
    }
}
