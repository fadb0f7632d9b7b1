package io.gridlet.node;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.gridlet.api.BadInputException;

/**
 * Fires its function at a fixed rate or at the times of a cron expression, on one member at a
 * time, durably: a firing due while no member could run it is not lost.
 *
 * @param name           the trigger's name
 * @param function       the function it invokes
 * @param intervalMillis the fixed rate, at least 10 ms; or {@code null} with a cron expression
 * @param cron           a Quartz cron expression, seconds first ({@code *}{@code /2 * * * * ?}), in UTC; or
 *                       {@code null} with an interval
 * @param missed         what a firing missed while no member could run it does; default
 *                       {@link MissedFiring#RUN_ONCE}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScheduleTrigger(String name, String function, Long intervalMillis, String cron, MissedFiring missed)
        implements TriggerDefinition {

    /** Its {@link #type()}. */
    public static final String TYPE = "schedule";
    /** The shortest interval. */
    public static final long MIN_INTERVAL_MILLIS = 10;

    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    /**
     * Checks the names, that there is either an interval of at least 10 ms or a valid cron expression;
     * no policy for missed firings means {@link MissedFiring#RUN_ONCE}.
     *
     * @param name           the trigger's name
     * @param function       the function it invokes
     * @param intervalMillis the fixed rate, at least 10 ms; or {@code null} with a cron expression
     * @param cron           a Quartz cron expression, seconds first ({@code *}{@code /2 * * * * ?}), in UTC; or
     *                       {@code null} with an interval
     * @param missed         what a firing missed while no member could run it does; default
     *                       {@link MissedFiring#RUN_ONCE}
     */
    public ScheduleTrigger {
        Names.trigger(name);
        Names.function(function);
        if ((cron == null) == (intervalMillis == null)) {
            throw new BadInputException("a schedule needs either intervalMillis or cron, not both or neither");
        }
        if (intervalMillis != null && intervalMillis < MIN_INTERVAL_MILLIS) {
            throw new BadInputException("a schedule needs intervalMillis of at least " + MIN_INTERVAL_MILLIS + ": "
                    + intervalMillis);
        }
        if (cron != null) {
            try {
                QUARTZ.parse(cron).validate();
            } catch (IllegalArgumentException e) {
                throw new BadInputException("cron must be a Quartz expression, seconds first (for example "
                        + "'*/5 * * * * ?'): " + e.getMessage());
            }
        }
        missed = missed == null ? MissedFiring.RUN_ONCE : missed;
    }

    /**
     * Every {@code intervalMillis}, a missed firing run once, late.
     *
     * @param name           the trigger's name
     * @param function       the function it invokes
     * @param intervalMillis the fixed rate, at least 10
     * @return the trigger
     */
    public static ScheduleTrigger every(String name, String function, long intervalMillis) {
        return new ScheduleTrigger(name, function, intervalMillis, null, null);
    }

    /**
     * At the times of a Quartz cron expression, in UTC, a missed firing run once, late.
     *
     * @param name     the trigger's name
     * @param function the function it invokes
     * @param cron     seconds first: {@code *}{@code /5 * * * * ?}
     * @return the trigger
     */
    public static ScheduleTrigger cron(String name, String function, String cron) {
        return new ScheduleTrigger(name, function, null, cron, null);
    }

    /**
     * This schedule, with another policy for missed firings.
     *
     * @param policy run once or skip
     * @return a copy with the policy
     */
    public ScheduleTrigger withMissed(MissedFiring policy) {
        return new ScheduleTrigger(name, function, intervalMillis, cron, policy);
    }

    @JsonIgnore
    @Override
    public String type() {
        return TYPE;
    }
}
