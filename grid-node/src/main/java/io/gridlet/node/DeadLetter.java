package io.gridlet.node;

/**
 * An event given up on.
 *
 * @param id   its id
 * @param json the trigger, function, key, event, error, attempts and time, as a JSON object
 */
public record DeadLetter(String id, String json) {
}
