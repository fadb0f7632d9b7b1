package io.gridlet.reliability;

/**
 * What one fault scenario did and what its history check found. The ones the project holds at
 * zero: {@code writesLost}, {@code writesImpossible}, {@code callsUntyped}, {@code callsHung},
 * {@code callsAppliedTwice}, {@code callsUnapplied}, {@code eventsLost}, {@code eventsAppliedTwice}, {@code eventsDeadLettered},
 * {@code incrementsLost}, {@code incrementsDuplicated}.
 */
record Figures(long writesAcked, long writesIndeterminate, long writesFailed, long writesLost, long writesImpossible,
               long calls, long callsSucceeded, long callsTyped, long callsUntyped, long callsHung,
               long callsRepeated, long callsAppliedTwice, long callsUnapplied,
               long eventsAcked, long eventsLost, long eventsAppliedTwice, long eventsDeadLettered,
               long incrementsAcked, long incrementsLost, long incrementsDuplicated,
               java.util.Map<String, Long> errors) {
}
