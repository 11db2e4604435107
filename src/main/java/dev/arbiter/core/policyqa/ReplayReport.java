package dev.arbiter.core.policyqa;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a replay found: how many recorded decisions were re-decided, and every
 * one that would change, in ledger order.
 *
 * @param version   the candidate version; null when each decision was replayed under the version
 *                  recorded with it (the reproduction check)
 * @param decisions recorded decisions of the policy in the range that were re-decided
 * @param nanos     how long the replay took (reading the ledger included), in nanoseconds
 */
public record ReplayReport(String policy, Integer version, Instant from, Instant to, long decisions,
                           List<ChangedDecision> changes, long nanos) {

    public ReplayReport {
        changes = List.copyOf(changes);
    }

    /** The number of changes of each kind (every kind present, zeros included). */
    public Map<ChangeKind, Long> countsByKind() {
        Map<ChangeKind, Long> counts = new EnumMap<>(ChangeKind.class);
        for (ChangeKind k : ChangeKind.values()) {
            counts.put(k, 0L);
        }
        changes.forEach(c -> counts.merge(c.kind(), 1L, Long::sum));
        return counts;
    }

    /** True when the candidate would let through something that was denied: activation needs a confirmation. */
    public boolean allowsSomethingDenied() {
        return changes.stream().anyMatch(c -> c.kind() == ChangeKind.DENY_TO_ALLOW);
    }

    /** Recorded decisions re-decided per second. */
    public double decisionsPerSecond() {
        return nanos == 0 ? 0 : decisions * 1e9 / nanos;
    }
}
