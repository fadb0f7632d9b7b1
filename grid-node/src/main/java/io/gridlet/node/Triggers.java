package io.gridlet.node;

import java.util.List;

/**
 * Triggers of the grid: definitions live in a backed-up map, so a member that joins later runs
 * them too and one that dies loses none. Thread-safe; every method blocks until the grid has
 * taken the change.
 */
public interface Triggers {

    /**
     * Creates a trigger and starts it. Creating the same definition again changes nothing.
     *
     * @param definition the trigger
     * @return the trigger with its status
     * @throws io.gridlet.api.BadInputException naming a bad field
     * @throws io.gridlet.api.VersionConflictException if a trigger of that name exists with
     *                                                another definition
     */
    TriggerStatus create(TriggerDefinition definition);

    /** {@return every trigger with its status} */
    List<TriggerStatus> list();

    /**
     * One trigger with its status.
     *
     * @param name the trigger's name
     * @return the trigger with its status, summed over the members
     * @throws TriggerNotFoundException if there is none
     */
    TriggerStatus get(String name);

    /**
     * Stops and removes a trigger; its dead letters stay until replayed.
     *
     * @param name the trigger's name
     * @throws TriggerNotFoundException if there is none
     */
    void delete(String name);

    /**
     * A trigger's dead letters, as JSON documents.
     *
     * @param name the trigger's name
     * @return its dead letters
     * @throws TriggerNotFoundException if there is none
     */
    List<DeadLetter> deadLetters(String name);

    /**
     * Runs a trigger's dead letters again, through its function's live version; each success is removed.
     *
     * @param name the trigger's name
     * @return how many were replayed and how many remain
     * @throws TriggerNotFoundException if there is none
     */
    ReplayResult replay(String name);
}
