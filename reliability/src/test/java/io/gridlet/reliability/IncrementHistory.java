package io.gridlet.reliability;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The history check of plain increments of shared counters. An increment reads the counter,
 * adds one and sets it, and answers the value it set; so every acknowledged increment of a
 * counter must have answered a value no other did, and the counter must end at least at the
 * number of its acknowledged increments. Two acknowledgements of one value mean that one
 * increment was applied to a state that had lost the other; a counter short of its
 * acknowledgements lost some after they were answered.
 *
 * @param acked      acknowledged increments, over every counter and source
 * @param lost       per counter, how far its final value falls short of its acknowledgements, or how
 *                   many acknowledged values lie above it (whichever is more), summed
 * @param duplicated acknowledged values answered more than once, over every counter
 */
record IncrementHistory(long acked, long lost, long duplicated) {

    /**
     * @param sources       per source of load, per counter, the values its increments answered
     * @param finalCounters each counter's value once the cluster is whole and the load has stopped
     */
    static IncrementHistory check(List<List<List<Long>>> sources, long[] finalCounters) {
        long acked = 0;
        long lost = 0;
        long duplicated = 0;
        for (int counter = 0; counter < finalCounters.length; counter++) {
            Set<Long> seen = new HashSet<>();
            long count = 0;
            long above = 0;
            for (List<List<Long>> source : sources) {
                for (long value : source.get(counter)) {
                    count++;
                    if (!seen.add(value)) {
                        duplicated++;
                    }
                    if (value > finalCounters[counter]) {
                        above++;
                    }
                }
            }
            acked += count;
            // Short of its acknowledgements, or below a value it once answered: either way lost.
            lost += Math.max(Math.max(0, count - finalCounters[counter]), above);
        }
        return new IncrementHistory(acked, lost, duplicated);
    }
}
