package io.gridlet.node.internal.logs;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * A function's {@code ctx.logger()} for one call: each line goes to SLF4J as before, under the
 * function's logger, and is kept in the member's {@link LogRing} with the call's function,
 * version, invocation id and trace id. Lines at INFO and above are always kept; DEBUG and TRACE
 * only where SLF4J has them on. Made when a call first asks for its logger, so a call that does
 * not log pays nothing.
 */
public final class CapturingLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    private final transient Logger delegate;
    private final transient LogRing ring;
    private final String function;
    private final String version;
    private final String invocationId;
    private final String traceId;

    /**
     * @param delegate     the function's own SLF4J logger
     * @param ring         where the member keeps lines
     * @param function     the function
     * @param version      its version that runs
     * @param invocationId the call's id
     * @param traceId      the call's trace id, or {@code null}
     */
    public CapturingLogger(Logger delegate, LogRing ring, String function, String version, String invocationId,
                           String traceId) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.ring = Objects.requireNonNull(ring, "ring");
        this.function = function;
        this.version = version;
        this.invocationId = invocationId;
        this.traceId = traceId;
        this.name = delegate.getName();
    }

    @Override
    public boolean isTraceEnabled() {
        return delegate.isTraceEnabled();
    }

    @Override
    public boolean isDebugEnabled() {
        return delegate.isDebugEnabled();
    }

    @Override
    public boolean isInfoEnabled() {
        return true;
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
                                               Throwable throwable) {
        String message = MessageFormatter.basicArrayFormat(messagePattern, arguments);
        if (throwable != null) {
            message = message + "\n" + Throwables.describe(throwable);
        }
        ring.add(level.name(), message, function, version, invocationId, traceId);
        org.slf4j.spi.LoggingEventBuilder event = delegate.atLevel(level).setCause(throwable);
        if (marker != null) {
            event.addMarker(marker);
        }
        event.log(messagePattern, arguments);
    }
}
