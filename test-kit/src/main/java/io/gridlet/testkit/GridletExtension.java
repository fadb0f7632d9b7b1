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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.time.Duration;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.gridlet.node.MapEventTrigger;
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
    private final List<GridNode> nodes = new ArrayList<>();
    private int members = 1;
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

    /**
     * Starts this many members in one cluster instead of one, each with the functions: for tests of
     * locality, fan-out and triggers, where keys must have different owners.
     *
     * @param count how many members, 1 to 9
     * @return this extension
     * @throws IllegalArgumentException if {@code count} is out of range
     */
    public GridletExtension members(int count) {
        if (count < 1 || count > 9) {
            throw new IllegalArgumentException("members must be within 1 and 9: " + count);
        }
        this.members = count;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        List<Integer> ports = LoopbackPorts.free(members);
        List<String> addresses = ports.stream().map(port -> "127.0.0.1:" + port).toList();
        String cluster = "test-kit-" + UUID.randomUUID();
        for (int port : ports) {
            GridNode member = GridNode.builder()
                    .clusterName(cluster)
                    .host("127.0.0.1")
                    .port(port)
                    .members(addresses)
                    .shutdownHook(false)
                    .hazelcastConfig(config -> config.setProperty("hazelcast.wait.seconds.before.join", "0"))
                    // Registered before the member joins, so no call reaches it before its functions.
                    .functions(registry -> functions.forEach(registry::register))
                    .start();
            nodes.add(member);
        }
        node = nodes.get(0);
        awaitSettled();
        for (Path jar : jars) {
            deploy(jar);
        }
    }

    /** Waits, up to a minute, for every member to join and the partitions to settle. */
    private void awaitSettled() {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (node.hazelcast().getCluster().getMembers().size() < members
                || !node.hazelcast().getPartitionService().isClusterSafe()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the " + members + " test members did not form a cluster within a minute");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        for (GridNode member : nodes) {
            member.hazelcast().getLifecycleService().terminate();
            member.close();
        }
        nodes.clear();
        node = null;
    }

    /** {@return the first member} */
    public GridNode node() {
        return node;
    }

    /** {@return every member, the first one first} */
    public List<GridNode> nodes() {
        return List.copyOf(nodes);
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

    /**
     * Puts an entry in a map-event trigger's map and waits for the trigger's function to write its
     * result for that key: the whole path an event takes (journal, Jet job, the function on the key's
     * owner, the result map), with nothing stubbed.
     *
     * @param trigger the trigger's name; it must be a map-event trigger with a result map
     * @param key     the entry's key
     * @param value   the entry's value
     * @param timeout how long to wait for the result
     * @return the value the function's result left in the result map for {@code key}
     * @throws IllegalArgumentException if the trigger is not a map-event trigger with a result map
     * @throws IllegalStateException    if no result came within {@code timeout}
     */
    public Object putAndAwaitResult(String trigger, Object key, Object value, Duration timeout) {
        if (!(node.triggers().get(trigger).definition() instanceof MapEventTrigger onMap)) {
            throw new IllegalArgumentException("trigger " + trigger + " is not a map-event trigger");
        }
        if (onMap.resultMap() == null) {
            throw new IllegalArgumentException("trigger " + trigger + " has no result map to wait on: wait for its"
                    + " function's own effect instead");
        }
        IMap<Object, Object> results = node.hazelcast().getMap(onMap.resultMap());
        CompletableFuture<Object> written = new CompletableFuture<>();
        // Listening before the put, so that a result written at once is not missed.
        UUID listener = results.addEntryListener(new ResultListener(written), key, true);
        try {
            node.hazelcast().getMap(onMap.map()).set(key, value);
            return written.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("trigger " + trigger + " wrote no result for key " + key + " to map "
                    + onMap.resultMap() + " within " + timeout.toMillis() + " ms; its status: "
                    + node.triggers().get(trigger), e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for trigger " + trigger, e);
        } finally {
            results.removeEntryListener(listener);
        }
    }

    /** Completes with the first value written for the key it listens to. */
    private record ResultListener(CompletableFuture<Object> written)
            implements EntryAddedListener<Object, Object>, EntryUpdatedListener<Object, Object> {

        @Override
        public void entryAdded(EntryEvent<Object, Object> event) {
            written.complete(event.getValue());
        }

        @Override
        public void entryUpdated(EntryEvent<Object, Object> event) {
            written.complete(event.getValue());
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
