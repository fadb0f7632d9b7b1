package io.gridlet.management.rest;

import io.gridlet.api.BadInputException;

/** Checks the names a request carries in its path, before any reaches the grid. */
final class Names {

    private Names() {
    }

    /** A user map: letters, digits, '.', '-', '_'; not one of Gridlet's or Hazelcast's own. */
    static String map(String name) {
        if (name == null || name.isEmpty() || name.length() > 200) {
            throw new BadInputException("map name must be 1 to 200 characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')) {
                throw new BadInputException("map name may hold only letters, digits, '.', '-' and '_': " + printable(name));
            }
        }
        if (name.startsWith("gridlet.") || name.startsWith("__") || name.equals("..") || name.equals(".")) {
            throw new BadInputException("map name " + name + " is reserved");
        }
        return name;
    }

    /** An entry key: any text of 1 to 1024 characters. */
    static String key(String key) {
        if (key == null || key.isEmpty() || key.length() > 1024) {
            throw new BadInputException("key must be 1 to 1024 characters");
        }
        return key;
    }

    /** Control characters and the like are shown escaped, never echoed raw into a response. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(text.length(), 200); i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
