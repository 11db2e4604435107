package dev.arbiter.core.policyqa;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the policy versions in shadow would have changed (issue 19 "Shadow report"): of the
 * decisions recorded with a shadow answer, every one where the shadow would have answered
 * otherwise, in ledger order, by kind.
 *
 * @param agentId   the agent the report is limited to; null for all
 * @param shadows   the shadow versions seen ({@code name vN}), in first-seen order
 * @param decisions decisions recorded with a shadow answer in the range
 * @param failures  of those, how many recorded that the shadow could not be evaluated (no answer to compare)
 * @param changes   every decision the shadow would have answered otherwise; the recorded one is
 *                  {@link ChangedDecision#recorded()}, the shadow's {@link ChangedDecision#replayed()}
 */
public record ShadowReport(String agentId, Instant from, Instant to, Set<String> shadows, long decisions,
                           long failures, List<ChangedDecision> changes) {

    public ShadowReport {
        shadows = Set.copyOf(shadows);
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

    /** The would-be allows (or pendings) of requests the version in force denied: each one is a warning. */
    public List<ChangedDecision> wouldAllowDenied() {
        return changes.stream().filter(c -> c.kind() == ChangeKind.DENY_TO_ALLOW).toList();
    }
}
