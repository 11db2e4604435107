package dev.arbiter.core.policyqa;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a replay found: how many recorded decisions were re-decided, how many would change by kind, and the
 * changes themselves as examples, in ledger order: the first {@value ChangeTally#EXAMPLES_PER_KIND} of each kind
 * (the full list goes to the sink given to {@link Replay#run(String, Integer, Instant, Instant, java.util.Set,
 * Replay.Progress, java.util.function.Consumer)} when one asks for it), so a report stays small however long the
 * range.
 *
 * @param version   the candidate version; null when each decision was replayed under the version
 *                  recorded with it (the reproduction check)
 * @param decisions recorded decisions of the policy in the range that were re-decided
 * @param skipped   how many entries of the range were left out, by reason (only reasons that occurred)
 * @param counts    the number of changes of each kind, all of them (every kind present, zeros included)
 * @param changes   the examples: up to {@value ChangeTally#EXAMPLES_PER_KIND} changes of each kind
 * @param nanos     how long the replay took (reading the ledger included), in nanoseconds
 */
public record ReplayReport(String policy, Integer version, Instant from, Instant to, long decisions,
                           Map<SkipReason, Long> skipped, Map<ChangeKind, Long> counts, List<ChangedDecision> changes, long nanos) {

    public ReplayReport {
        skipped = skipped.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(skipped));
        counts = new EnumMap<>(counts);
        changes = List.copyOf(changes);
    }

    /** The number of changes of each kind (every kind present, zeros included). */
    public Map<ChangeKind, Long> countsByKind() {
        return new EnumMap<>(counts);
    }

    /** How many decisions would change, all kinds (the examples may be fewer). */
    public long changed() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** True when the candidate would let through something that was denied: activation needs a confirmation. */
    public boolean allowsSomethingDenied() {
        return counts.getOrDefault(ChangeKind.DENY_TO_ALLOW, 0L) > 0;
    }

    /** How many entries of the range were left out, all reasons. */
    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * One sentence per reason entries were skipped ("Skipped 28 decisions that record no policy ..."), empty when
     * none was: the terminal and the desktop show the same lines.
     */
    public List<String> skippedLines() {
        List<String> lines = new java.util.ArrayList<>();
        skipped.forEach((reason, n) -> lines.add("Skipped " + n + (reason == SkipReason.UNREADABLE ? " entr"
                + (n == 1 ? "y" : "ies") : " decision" + (n == 1 ? "" : "s")) + " of the range that " + reason.why()
                + "."));
        return lines;
    }

    /** Recorded decisions re-decided per second. */
    public double decisionsPerSecond() {
        return nanos == 0 ? 0 : decisions * 1e9 / nanos;
    }
}
