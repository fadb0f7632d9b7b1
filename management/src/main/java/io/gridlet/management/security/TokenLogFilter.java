package io.gridlet.management.security;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Keeps bearer tokens out of every log, whatever levels an operator turns on: a log event that
 * would print a token (Micronaut, at TRACE, prints the security events it publishes, whose source
 * is the token) is dropped. Only events that would be written are looked at.
 */
final class TokenLogFilter extends TurboFilter {

    private final List<String> tokens;

    /**
     * Shorter tokens are not looked for: a line holding a 3-letter word is not a leak, and
     * dropping every such line would silence the log. Such a token is weak anyway, and the node
     * warns about it at start.
     */
    static final int SHORTEST_FILTERED = 8;

    private TokenLogFilter(List<String> tokens) {
        this.tokens = tokens.stream().filter(token -> token.length() >= SHORTEST_FILTERED).toList();
    }

    /** Installs the filter when logging goes to Logback (the node's own); other backends are left alone. */
    static void install(List<String> tokens) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            TokenLogFilter filter = new TokenLogFilter(tokens);
            filter.setName("gridlet-token-filter");
            filter.setContext(context);
            filter.start();
            context.addTurboFilter(filter);
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        // Not isEnabledFor: it asks the turbo filters, this one among them.
        if (level == null || !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
            return FilterReply.NEUTRAL;
        }
        if (carriesToken(format)) {
            return FilterReply.DENY;
        }
        if (params != null) {
            for (Object param : params) {
                if (param != null && carriesToken(String.valueOf(param))) {
                    return FilterReply.DENY;
                }
            }
        }
        if (t != null && carriesToken(String.valueOf(t.getMessage()))) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }

    private boolean carriesToken(String text) {
        if (text == null) {
            return false;
        }
        for (String token : tokens) {
            if (text.contains(token)) {
                return true;
            }
        }
        return false;
    }
}
