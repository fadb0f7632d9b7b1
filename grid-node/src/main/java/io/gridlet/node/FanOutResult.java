package io.gridlet.node;

import java.util.List;
import java.util.UUID;
import java.util.function.BinaryOperator;

/**
 * The answers of a fan-out: one per call, each over a disjoint set of partitions that together
 * cover the map.
 *
 * @param partials the calls' outputs
 * @param <O> the output type
 */
public record FanOutResult<O>(List<Partial<O>> partials) {

    /**
     * Copies the outputs.
     *
     * @param partials the calls' outputs
     */
    public FanOutResult {
        partials = List.copyOf(partials);
    }

    /**
     * One call's output.
     *
     * @param member     the member that ran it
     * @param partitions how many partitions it read
     * @param output     its output
     */
    public record Partial<O>(UUID member, int partitions, O output) {
    }

    /**
     * The outputs combined with {@code reducer}, starting from {@code identity}.
     *
     * @param identity the value to start from
     * @param reducer combines the value so far with one member's answer
     * @return the outputs combined with {@code reducer}, starting from {@code identity}
     */
    public O reduce(O identity, BinaryOperator<O> reducer) {
        O result = identity;
        for (Partial<O> partial : partials) {
            result = reducer.apply(result, partial.output());
        }
        return result;
    }

    /**
     * The total number of partitions read: the map's partition count when nothing was missed.
     *
     * @return the total number of partitions read: the map's partition count when nothing was missed
     */
    public int partitions() {
        return partials.stream().mapToInt(Partial::partitions).sum();
    }
}
