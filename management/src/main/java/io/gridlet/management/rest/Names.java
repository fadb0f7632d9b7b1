package io.gridlet.management.rest;

import io.gridlet.api.BadInputException;

/** Checks the names a request carries in its path, before any reaches the grid. */
final class Names {

    private Names() {
    }

    /** A user map: the grid's rule for map names ({@link io.gridlet.node.Names#map}). */
    static String map(String name) {
        return io.gridlet.node.Names.map(name);
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
