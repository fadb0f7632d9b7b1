package io.gridlet.node;

/**
 * A trigger and how it is doing, summed over the members.
 *
 * @param definition   what it is
 * @param processed    events whose function answered
 * @param retried      attempts that failed and were tried again
 * @param deadLettered events given up on, kept as dead letters
 * @param lost         events lost to journal overflow (counted once per gap)
 * @param lagMillis    the longest last-seen ingestion-to-answer time on any member
 * @param jobStatus    for map-event, the Jet job's status; else null
 */
public record TriggerStatus(TriggerDefinition definition, long processed, long retried, long deadLettered, long lost,
                            long lagMillis, String jobStatus) {
}
