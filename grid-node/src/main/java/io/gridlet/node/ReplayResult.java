package io.gridlet.node;

/**
 * What a replay of dead letters did.
 *
 * @param replayed  dead letters whose function now answered, removed
 * @param remaining dead letters that failed again, kept
 */
public record ReplayResult(int replayed, int remaining) {
}
