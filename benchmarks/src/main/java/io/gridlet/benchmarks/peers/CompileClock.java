package io.gridlet.benchmarks.peers;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The time the JIT compilers have spent so far in this JVM and in a grid's member processes, the
 * same way for every grid: each member is one of this process's children (the harness runs one
 * grid at a time and waits for a grid's members to exit before it starts the next), reached over
 * the Attach API and its local JMX agent, so that no grid's own code is asked. Connects once, when
 * made; closed with the grid's round.
 */
final class CompileClock implements AutoCloseable {

    private final List<JMXConnector> connectors;
    private final List<CompilationMXBean> compilers;

    private CompileClock(List<JMXConnector> connectors, List<CompilationMXBean> compilers) {
        this.connectors = connectors;
        this.compilers = compilers;
    }

    /**
     * Attaches to every child JVM of this process: the running grid's members.
     *
     * @throws IOException if one cannot be attached to or its agent started
     */
    static CompileClock ofMembers() throws IOException {
        List<JMXConnector> connectors = new ArrayList<>();
        List<CompilationMXBean> compilers = new ArrayList<>();
        compilers.add(ManagementFactory.getCompilationMXBean());
        CompileClock clock = new CompileClock(connectors, compilers);
        try {
            for (ProcessHandle child : ProcessHandle.current().children().toList()) {
                VirtualMachine member = VirtualMachine.attach(Long.toString(child.pid()));
                String address;
                try {
                    address = member.startLocalManagementAgent();
                } finally {
                    member.detach();
                }
                JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
                connectors.add(connector);
                compilers.add(ManagementFactory.newPlatformMXBeanProxy(connector.getMBeanServerConnection(),
                        ManagementFactory.COMPILATION_MXBEAN_NAME, CompilationMXBean.class));
            }
        } catch (com.sun.tools.attach.AttachNotSupportedException e) {
            clock.close();
            throw new IOException("a member's JVM cannot be attached to", e);
        } catch (IOException | RuntimeException e) {
            clock.close();
            throw e;
        }
        return clock;
    }

    /** How many member JVMs it reads, besides this one. */
    int members() {
        return compilers.size() - 1;
    }

    /**
     * The milliseconds compiled so far, in this JVM and the members together; -1 if one does not
     * say, or cannot be reached (a member's proxy wraps the connection's failure).
     */
    long millis() {
        long total = 0;
        try {
            for (CompilationMXBean compiler : compilers) {
                if (compiler == null || !compiler.isCompilationTimeMonitoringSupported()) {
                    return -1;
                }
                total += compiler.getTotalCompilationTime();
            }
        } catch (java.lang.reflect.UndeclaredThrowableException unreachable) {
            return -1;
        }
        return total;
    }

    @Override
    public void close() {
        for (JMXConnector connector : connectors) {
            try {
                connector.close();
            } catch (IOException ignored) {
                // the member is going with its round
            }
        }
    }
}
