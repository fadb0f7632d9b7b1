package io.gridlet.node.internal.trigger;

import io.gridlet.node.ScheduleTrigger;
import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.gridlet.api.BadInputException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/** When a schedule fires next: every interval, or at a Quartz cron expression's next time (UTC). */
final class Schedules {

    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private Schedules() {
    }

    static Cron parse(String expression) {
        try {
            return QUARTZ.parse(expression).validate();
        } catch (IllegalArgumentException e) {
            throw new BadInputException("cron must be a Quartz expression, seconds first (for example '*/5 * * * * ?'): "
                    + e.getMessage());
        }
    }

    /** The first firing strictly after {@code afterMillis}. */
    static long next(ScheduleTrigger definition, long afterMillis, long previousMillis) {
        if (definition.intervalMillis() != null) {
            long interval = definition.intervalMillis();
            long next = previousMillis + interval;
            if (next <= afterMillis) {
                next += ((afterMillis - next) / interval + 1) * interval;
            }
            return next;
        }
        // Cron times are whole seconds; cron-utils would carry the milliseconds of 'after' into its answer.
        ZonedDateTime after = ZonedDateTime.ofInstant(Instant.ofEpochMilli(afterMillis), ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.SECONDS);
        return ExecutionTime.forCron(parse(definition.cron())).nextExecution(after)
                .map(time -> time.truncatedTo(ChronoUnit.SECONDS).toInstant().toEpochMilli())
                .orElse(Long.MAX_VALUE);
    }
}
