package dev.arbiter.core.evidence;

import java.util.Optional;

/**
 * How the check of a bundle's entries ended: the problem that stopped it, if any (one sentence naming the line,
 * the entry and what was done to it), and how many entries were read and found good before it.
 */
record EntriesResult(Optional<String> problem, long count) {

    /** A check that stopped at {@code problem} after {@code count} good entries. */
    static EntriesResult problem(String problem, long count) {
        return new EntriesResult(Optional.of(problem), count);
    }
}
