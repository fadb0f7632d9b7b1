package io.gridlet.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.hazelcast.nio.serialization.HazelcastSerializationException;
import io.gridlet.api.BadInputException;
import io.gridlet.api.Function;
import io.gridlet.api.FunctionContext;
import io.gridlet.api.FunctionFailedException;
import io.gridlet.api.GridFunction;
import io.gridlet.api.GridletException;
import io.gridlet.api.OverloadedException;
import io.gridlet.api.TimedOutException;
import io.gridlet.api.UnknownFunctionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each error reaches the caller as its own type, from the local member and from remote ones. */
class TypedErrorsTest {

    static TestCluster cluster;
    static final AtomicBoolean interrupted = new AtomicBoolean();
    static final CountDownLatch slowStarted = new CountDownLatch(2);
    static final CountDownLatch releaseSlow = new CountDownLatch(1);

    /** A class only the function's side knows; its exception must never need deserializing. */
    public static final class OrderRejected extends Exception {
        public OrderRejected(String message) {
            super(message);
        }
    }

    public record Order(String id, long quantity) {
    }

    @Function(name = "reject")
    public static final class Reject implements GridFunction<Order, String> {
        @Override
        public String apply(Order order, FunctionContext ctx) throws OrderRejected {
            throw new OrderRejected("order " + order.id() + " exceeds stock: ünïcødé \"quoted\" line\nbreak");
        }
    }

    @Function(name = "quantity")
    public static final class Quantity implements GridFunction<Order, Long> {
        @Override
        public Long apply(Order order, FunctionContext ctx) {
            return order.quantity();
        }
    }

    /** Returns a value of a class only the function knows: it travels as JSON. */
    @Function(name = "echo-order")
    public static final class EchoOrder implements GridFunction<Order, Order> {
        @Override
        public Order apply(Order order, FunctionContext ctx) {
            return new Order(order.id() + "!", order.quantity() + 1);
        }
    }

    @Function(name = "sleepy", timeoutMillis = 300)
    public static final class Sleepy implements GridFunction<Object, String> {
        @Override
        public String apply(Object input, FunctionContext ctx) {
            try {
                // Blocks until the deadline interrupts it (the test fails if that takes 10 s).
                new CountDownLatch(1).await(10, TimeUnit.SECONDS);
                return "woke up";
            } catch (InterruptedException e) {
                interrupted.set(ctx.isCancelled());
                return "interrupted";
            }
        }
    }

    @Function(name = "narrow", maxConcurrency = 2)
    public static final class Narrow implements GridFunction<Object, String> {
        @Override
        public String apply(Object input, FunctionContext ctx) throws InterruptedException {
            slowStarted.countDown();
            releaseSlow.await(10, TimeUnit.SECONDS);
            return "done";
        }
    }

    @BeforeAll
    static void startCluster() {
        cluster = TestCluster.start(3, builder -> { });
        for (GridNode node : cluster.nodes()) {
            node.functions().register(Reject.class);
            node.functions().register(Quantity.class);
            node.functions().register(EchoOrder.class);
            node.functions().register(Sleepy.class);
            node.functions().register(Narrow.class);
        }
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    /** A key whose owner is not {@code caller}, so that the call crosses members. */
    static String remoteKey(GridNode caller) {
        for (int i = 0; ; i++) {
            String key = "k" + i;
            if (!caller.hazelcast().getPartitionService().getPartition(key).getOwner().localMember()) {
                return key;
            }
        }
    }

    static String localKey(GridNode caller) {
        for (int i = 0; ; i++) {
            String key = "k" + i;
            if (caller.hazelcast().getPartitionService().getPartition(key).getOwner().localMember()) {
                return key;
            }
        }
    }

    @Test
    void unknownFunctionIsItsOwnType() {
        GridNode caller = cluster.node(0);
        UnknownFunctionException error = catchThrowableOfType(UnknownFunctionException.class,
                () -> caller.invoker().invoke(Invocation.of("no.such").key(remoteKey(caller)).build(), Object.class));
        assertThat(error.functionName()).isEqualTo("no.such");
        assertThat(error).hasMessageContaining("no function named no.such");

        assertThatThrownBy(() -> caller.invoker()
                .invoke(Invocation.of("quantity").version("9").key(localKey(caller)).build(), Object.class))
                .isInstanceOf(UnknownFunctionException.class)
                .hasMessageContaining("has no version 9");
    }

    @Test
    void functionExceptionArrivesWithItsClassAndMessageIntactFromARemoteMember() {
        GridNode caller = cluster.node(1);
        FunctionFailedException error = catchThrowableOfType(FunctionFailedException.class,
                () -> caller.invoker().invoke(Invocation.of("reject").key(remoteKey(caller))
                        .input(Map.of("id", "o-7", "quantity", 3)).build(), Object.class));
        assertThat(error.functionName()).isEqualTo("reject");
        assertThat(error.errorClass()).isEqualTo(OrderRejected.class.getName());
        assertThat(error.errorMessage()).isEqualTo("order o-7 exceeds stock: ünïcødé \"quoted\" line\nbreak");
        assertThat(error).isNotInstanceOf(HazelcastSerializationException.class).hasNoCause();
    }

    @Test
    void inputOfTheWrongShapeIsBadInputNamingFunctionAndType() {
        GridNode caller = cluster.node(2);
        for (String key : List.of(localKey(caller), remoteKey(caller))) {
            assertThatThrownBy(() -> caller.invoker().invoke(Invocation.of("quantity").key(key)
                    .input(Map.of("id", "o-1", "quantity", "many")).build(), Object.class))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("quantity")
                    .hasMessageContaining(Order.class.getName().replace('$', '.').substring(0, 20))
                    .hasMessageContaining("expects input of type");
            assertThatThrownBy(() -> caller.invoker().invoke(Invocation.of("quantity").key(key)
                    .input(List.of(1, 2)).build(), Object.class))
                    .isInstanceOf(BadInputException.class);
        }
        // The same function with good input still works: bad input left nothing behind.
        assertThat(caller.invoker().invoke(Invocation.of("quantity").key(remoteKey(caller))
                .input(Map.of("id", "o-1", "quantity", 4)).build(), Long.class)).isEqualTo(4L);
    }

    @Test
    void userTypesTravelAsJsonAndNeverAsSerializedClasses() {
        GridNode caller = cluster.node(0);
        Order out = caller.invoker().invoke(Invocation.of("echo-order").key(remoteKey(caller))
                .input(new Order("o-2", 5)).build(), Order.class);
        assertThat(out).isEqualTo(new Order("o-2!", 6));
        Object plain = caller.invoker().invoke(Invocation.of("echo-order").key(remoteKey(caller))
                .input(new Order("o-3", 1)).build(), Object.class);
        assertThat(plain).isEqualTo(Map.of("id", "o-3!", "quantity", 2L));
        // Asking for the output as a type it is not is a typed error too, never a ClassCastException.
        assertThatThrownBy(() -> caller.invoker().invoke(Invocation.of("echo-order").key(remoteKey(caller))
                .input(new Order("o-4", 1)).build(), Long.class))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("output of function echo-order");
    }

    @Test
    void aFunctionPastItsDeadlineTimesOutWithin250MillisAndItsThreadIsInterrupted() {
        GridNode caller = cluster.node(1);
        long start = System.nanoTime();
        assertThatThrownBy(() -> caller.invoker().invoke(Invocation.of("sleepy").key(remoteKey(caller)).build(),
                Object.class))
                .isInstanceOf(TimedOutException.class)
                .hasMessageContaining("sleepy");
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(elapsedMillis).isBetween(300L, 300L + 250L);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(2)).untilTrue(interrupted);

        // A per-call timeout overrides the function's own.
        long started = System.nanoTime();
        assertThatThrownBy(() -> caller.invoker().invoke(Invocation.of("sleepy").key(localKey(caller))
                .timeout(Duration.ofMillis(100)).build(), Object.class))
                .isInstanceOf(TimedOutException.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(100L, 100L + 250L);
    }

    @Test
    void pastTheConcurrencyLimitCallsAreOverloadedAtOnce() throws Exception {
        GridNode caller = cluster.node(2);
        String key = remoteKey(caller);
        List<CompletableFuture<InvocationResult<String>>> running = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            running.add(caller.invoker().callAsync(Invocation.of("narrow").key(key).build(), String.class));
        }
        assertThat(slowStarted.await(5, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        assertThatThrownBy(() -> caller.invoker().invoke(Invocation.of("narrow").key(key).build(), String.class))
                .isInstanceOf(OverloadedException.class)
                .isInstanceOf(io.gridlet.api.RetriableException.class)
                .hasMessageContaining("maxConcurrency");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_000);
        releaseSlow.countDown();
        for (CompletableFuture<InvocationResult<String>> call : running) {
            assertThat(call.get(5, TimeUnit.SECONDS).output()).isEqualTo("done");
        }
    }

    @Test
    void asyncCallsFailWithTheSameTypes() {
        GridNode caller = cluster.node(0);
        CompletableFuture<InvocationResult<Object>> future = caller.invoker()
                .callAsync(Invocation.of("no.such").build(), Object.class);
        assertThat(future).failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOf(UnknownFunctionException.class);
    }

    @Test
    void inputThatCannotBeWrittenAsJsonIsBadInputBeforeAnythingIsSent() {
        GridNode caller = cluster.node(0);
        Object selfReferencing = new Object() {
            public Object getSelf() {
                return this;
            }
        };
        assertThatThrownBy(() -> caller.invoker().invoke("quantity", selfReferencing))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("cannot be sent");
        assertThat(new BadInputException("x")).isInstanceOf(GridletException.class);
    }
}
