package dev.arbiter.cli;

import java.util.Locale;

/**
 * The id of a numbered record (an incident, an exercise) as a person types it on the command line: the
 * prefix and a dash in any case, or the bare number ("INC-3", "inc-3" and "3" are the same incident).
 */
final class RecordId {

    private RecordId() {
    }

    /**
     * The number in {@code value}, at least 1.
     *
     * @param prefix   the record's prefix without the dash, e.g. {@code INC}
     * @param noun     what the record is, for the message, e.g. {@code incident}
     * @param listedBy the command that lists the ids, e.g. {@code arbiter incident list}
     * @throws IllegalArgumentException saying how to write the id, when {@code value} is not one
     */
    static long parse(String value, String prefix, String noun, String listedBy) {
        String t = value.strip().toUpperCase(Locale.ROOT);
        t = t.startsWith(prefix + "-") ? t.substring(prefix.length() + 1) : t;
        try {
            long id = Long.parseLong(t);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException("ID: '" + value + "' is not an " + noun + " id; write " + prefix
                + "-3 or 3 (" + listedBy + " shows them)");
    }
}
