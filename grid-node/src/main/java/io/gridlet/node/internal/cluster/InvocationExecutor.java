package io.gridlet.node.internal.cluster;

import com.hazelcast.internal.services.ManagedService;
import com.hazelcast.internal.util.executor.ExecutorType;
import com.hazelcast.spi.impl.NodeEngine;
import com.hazelcast.spi.impl.servicemanager.ServiceDescriptor;
import com.hazelcast.spi.impl.servicemanager.ServiceDescriptorProvider;
import java.util.Properties;

/**
 * Makes the invocation executor ({@link HazelcastConfigFactory#INVOCATION_EXECUTOR}) a thread
 * pool of its own, before the member takes its first operation.
 *
 * <p>Why: a named executor that nothing registered is made on first use as Hazelcast's "cached"
 * kind, which borrows threads from the member's shared cached pool: a worker waits at most one
 * millisecond for the next task, then gives its thread back, and the next task starts a new
 * worker through that pool's hand-off queue. A call that arrives more than a millisecond after
 * the last one pays that hand-off again, and between calls the workers park and wake on a timer.
 * Measured on a call's owner (three members and a caller on two cores, one caller thread,
 * {@code perf stat} per thread): the invocation threads switched context 4 times per call, about
 * 190 microseconds of CPU per call on the owner in all. A fixed pool whose threads wait on its
 * queue wakes one thread per call. The pool and its queue keep the configured size and capacity,
 * so a full member still answers overloaded.
 *
 * <p>Hazelcast finds this through {@code META-INF/services} and initialises it while the member
 * starts, before it joins its cluster; a member configured without Gridlet's executor is left as
 * it is.
 */
public final class InvocationExecutor implements ManagedService {

    static final String SERVICE_NAME = "gridlet:invocationExecutor";

    @Override
    public void init(NodeEngine nodeEngine, Properties properties) {
        if (nodeEngine.getConfig().getExecutorConfigs().containsKey(HazelcastConfigFactory.INVOCATION_EXECUTOR)) {
            // Pool size and queue capacity come from the executor's configuration.
            nodeEngine.getExecutionService().register(HazelcastConfigFactory.INVOCATION_EXECUTOR, 1, 1,
                    ExecutorType.CONCRETE);
        }
    }

    @Override
    public void reset() {
        // Nothing: the pool outlives a merge.
    }

    @Override
    public void shutdown(boolean terminate) {
        // The execution service shuts down every executor it registered.
    }

    /** How Hazelcast finds the service. */
    public static final class Provider implements ServiceDescriptorProvider {

        @Override
        public ServiceDescriptor[] createServiceDescriptors() {
            return new ServiceDescriptor[] {new ServiceDescriptor() {
                @Override
                public String getServiceName() {
                    return SERVICE_NAME;
                }

                @Override
                public Object getService(NodeEngine nodeEngine) {
                    return new InvocationExecutor();
                }
            }};
        }
    }
}
