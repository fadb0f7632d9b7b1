package io.gridlet.testkit;

import com.hazelcast.map.IMap;
import io.gridlet.api.GridFunction;
import io.gridlet.node.GridNode;
import io.gridlet.node.Invoker;
import io.gridlet.node.DeployOptions;
import io.gridlet.node.DeployResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real Gridlet member for a test class: on loopback, on a free port, in a cluster of its own,
 * with the given functions registered. Functions run exactly as on a grid (their input decoded,
 * their entry held, their errors typed), so a test checks the function, not a mock of the grid.
 *
 * <pre>{@code
 * class OrderTotalTest {
 *     @RegisterExtension
 *     static final GridletExtension grid = GridletExtension.withFunctions(OrderTotal.class);
 *
 *     @Test
 *     void totalsAnOrder() {
 *         grid.map("orders").set("o-1", new HazelcastJsonValue("{\"lines\": [...]}"));
 *         assertThat(grid.invoker().invokeOnKey("orders.total", "orders", "o-1", null, Map.class)).containsEntry(...);
 *     }
 * }
 * }</pre>
 *
 * <p>Also usable as a parameter: a test method may take a {@link GridNode} or an {@link Invoker}.
 */
public final class GridletExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private final List<Class<? extends GridFunction<?, ?>>> functions;
    private final List<Path> jars = new ArrayList<>();
    private GridNode node;

    private GridletExtension(List<Class<? extends GridFunction<?, ?>>> functions) {
        this.functions = List.copyOf(functions);
    }

    /**
     * A member with these function classes registered, each carrying {@code @Function}.
     *
     * @param functions the function classes
     * @return the extension, to register with {@code @RegisterExtension}
     */
    @SafeVarargs
    public static GridletExtension withFunctions(Class<? extends GridFunction<?, ?>>... functions) {
        List<Class<? extends GridFunction<?, ?>>> types = new java.util.ArrayList<>();
        for (Class<? extends GridFunction<?, ?>> function : functions) {
            types.add(function);
        }
        return new GridletExtension(types);
    }

    /**
     * Also deploys this jar when the member starts, as a deploy through the REST API would.
     *
     * @param jar the function jar
     * @return this extension
     */
    public GridletExtension withJar(Path jar) {
        jars.add(jar);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        int port = LoopbackPorts.free(1).get(0);
        node = GridNode.builder()
                .clusterName("test-kit-" + UUID.randomUUID())
                .host("127.0.0.1")
                .port(port)
                .members("127.0.0.1:" + port)
                .shutdownHook(false)
                .hazelcastConfig(config -> config.setProperty("hazelcast.wait.seconds.before.join", "0"))
                .start();
        for (Class<? extends GridFunction<?, ?>> function : functions) {
            node.functions().register(function);
        }
        for (Path jar : jars) {
            deploy(jar);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (node != null) {
            node.hazelcast().getLifecycleService().terminate();
            node.close();
            node = null;
        }
    }

    /** {@return the member} */
    public GridNode node() {
        return node;
    }

    /** {@return the member's invoker, to call functions as a caller on the grid would} */
    public Invoker invoker() {
        return node.invoker();
    }

    /**
     * A map of the member, to arrange data and check what a function wrote.
     *
     * @param <K>  the key type
     * @param <V>  the value type
     * @param name the map's name
     * @return the map
     */
    public <K, V> IMap<K, V> map(String name) {
        return node.hazelcast().getMap(name);
    }

    /**
     * Deploys a jar, as {@code POST /api/v1/functions} does.
     *
     * @param jar the function jar
     * @return what was deployed
     */
    public DeployResult deploy(Path jar) {
        try {
            return node.deployments().deploy(Files.readAllBytes(jar), DeployOptions.DEFAULT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == GridNode.class || type == Invoker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == GridNode.class ? node : node.invoker();
    }
}
