package io.gridlet.node;

import io.gridlet.api.BadInputException;

/**
 * The one check of the names Gridlet takes: functions, versions, triggers, maps and topics. A name
 * holds 1 to 200 letters, digits, {@code .}, {@code -} and {@code _}; a version may also hold
 * {@code +} and is at most 100 long. Maps and topics may not take Gridlet's or Hazelcast's own
 * names ({@code gridlet.} and {@code __} prefixes). Each check throws a {@link BadInputException}
 * that names the field and what was wrong, and returns the name otherwise.
 */
public final class Names {

    /** The longest name. */
    public static final int MAX_LENGTH = 200;
    /** The longest version. */
    public static final int MAX_VERSION_LENGTH = 100;

    private Names() {
    }

    /**
     * A function's name.
     *
     * @param name the name
     * @return the name
     * @throws BadInputException naming what is wrong with it
     */
    public static String function(String name) {
        return check("function name", name, MAX_LENGTH, false);
    }

    /**
     * A trigger's name.
     *
     * @param name the name
     * @return the name
     * @throws BadInputException naming what is wrong with it
     */
    public static String trigger(String name) {
        return check("trigger name", name, MAX_LENGTH, false);
    }

    /**
     * A user map's name, not one of Gridlet's or Hazelcast's own.
     *
     * @param name the name
     * @return the name
     * @throws BadInputException naming what is wrong with it
     */
    public static String map(String name) {
        return reserved("map name", check("map name", name, MAX_LENGTH, false));
    }

    /**
     * A user topic's name, not one of Gridlet's or Hazelcast's own.
     *
     * @param name the name
     * @return the name
     * @throws BadInputException naming what is wrong with it
     */
    public static String topic(String name) {
        return reserved("topic name", check("topic name", name, MAX_LENGTH, false));
    }

    /**
     * A function's version: as a name, and {@code +} too.
     *
     * @param version the version
     * @return the version
     * @throws BadInputException naming what is wrong with it
     */
    public static String version(String version) {
        return check("version", version, MAX_VERSION_LENGTH, true);
    }

    private static String check(String field, String value, int maxLength, boolean plus) {
        if (value == null || value.isBlank()) {
            throw new BadInputException(field + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw new BadInputException(field + " must be at most " + maxLength + " characters: " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || plus && c == '+')) {
                throw new BadInputException(field + " may hold only letters, digits, '.', '-'" + (plus ? ", '_' and '+'"
                        : " and '_'") + ": " + printable(value));
            }
        }
        return value;
    }

    private static String reserved(String field, String value) {
        if (value.startsWith("gridlet.") || value.startsWith("__") || value.equals(".") || value.equals("..")) {
            throw new BadInputException(field + " " + value + " is reserved");
        }
        return value;
    }

    /** Control characters are shown escaped, never echoed raw into a message. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(text.length(), MAX_LENGTH); i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
