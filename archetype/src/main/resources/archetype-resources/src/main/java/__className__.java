package ${package};

import io.gridlet.api.Function;
import io.gridlet.api.FunctionContext;
import io.gridlet.api.GridFunction;
import io.gridlet.api.RoutedEntry;

/**
 * Greets a visitor and counts their visits. Called by key ({@code map=visits&key=NAME}), it runs on
 * the member that owns the key, and reads and writes the visitor's count there, atomically.
 */
@Function(name = "${functionName}", description = "Greets a visitor and counts their visits")
public class ${className} implements GridFunction<${className}.Visit, ${className}.Greeting> {

    /** The greeting's first word. */
    public static final String GREETING = "Hello";

    /** The input: who visits. */
    public record Visit(String name) {
    }

    /** The output: the greeting, and how many times this visitor came. */
    public record Greeting(String text, long visits) {
    }

    @Override
    public Greeting apply(Visit visit, FunctionContext ctx) {
        if (visit == null || visit.name() == null || visit.name().isBlank()) {
            throw new IllegalArgumentException("a visit needs a name");
        }
        RoutedEntry<Long> count = ctx.entry();
        long visits = count.get() == null ? 1 : count.get() + 1;
        count.set(visits);
        ctx.logger().info("{} visit {} of {}", GREETING, visits, visit.name());
        return new Greeting(GREETING + ", " + visit.name() + "!", visits);
    }
}
