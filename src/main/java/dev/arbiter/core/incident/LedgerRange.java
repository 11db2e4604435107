package dev.arbiter.core.incident;

import java.util.Collection;
import java.util.Optional;

/**
 * An inclusive range of ledger seqs, {@code from}..{@code to}, both ≥ 1.
 *
 * @throws IllegalArgumentException when {@code from < 1} or {@code to < from}
 */
public record LedgerRange(long from, long to) {

    public LedgerRange {
        if (from < 1 || to < from) {
            throw new IllegalArgumentException("A ledger range runs from seq 1 or later to a seq not before it (got "
                    + from + ".." + to + ")");
        }
    }

    public boolean overlaps(long otherFrom, long otherTo) {
        return from <= otherTo && otherFrom <= to;
    }

    /** The smallest range covering {@code range} (may be empty) and every seq in {@code seqs}. */
    public static Optional<LedgerRange> covering(Optional<LedgerRange> range, Collection<Long> seqs) {
        long lo = range.map(LedgerRange::from).orElse(Long.MAX_VALUE);
        long hi = range.map(LedgerRange::to).orElse(Long.MIN_VALUE);
        for (long s : seqs) {
            lo = Math.min(lo, s);
            hi = Math.max(hi, s);
        }
        return lo == Long.MAX_VALUE ? Optional.empty() : Optional.of(new LedgerRange(lo, hi));
    }

    /**
     * Reads "120..180", "120-180" or a single "120".
     *
     * @throws IllegalArgumentException saying what to write
     */
    public static LedgerRange parse(String text) {
        String t = text == null ? "" : text.strip();
        String[] parts = t.contains("..") ? t.split("\\.\\.", -1) : t.split("-", -1);
        try {
            if (parts.length == 1) {
                long s = Long.parseLong(parts[0].strip());
                return new LedgerRange(s, s);
            }
            if (parts.length == 2) {
                return new LedgerRange(Long.parseLong(parts[0].strip()), Long.parseLong(parts[1].strip()));
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("Bad ledger range '" + text + "': write FROM..TO with seq numbers, e.g. 120..180");
    }

    @Override
    public String toString() {
        return from + ".." + to;
    }
}
