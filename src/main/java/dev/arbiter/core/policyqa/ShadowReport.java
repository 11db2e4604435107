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
 * @param counts    the number of decisions the shadow would have answered otherwise, by kind, all of them
 * @param changes   examples of those (up to {@value ChangeTally#EXAMPLES_PER_KIND} of each kind, in ledger
 *                  order); the recorded one is {@link ChangedDecision#recorded()}, the shadow's
 *                  {@link ChangedDecision#replayed()}
 */
public record ShadowReport(String agentId, Instant from, Instant to, Set<String> shadows, long decisions,
                           long failures, Map<ChangeKind, Long> counts, List<ChangedDecision> changes) {

    public ShadowReport {
        shadows = Set.copyOf(shadows);
        counts = new EnumMap<>(counts);
        changes = List.copyOf(changes);
    }

    /** The number of changes of each kind (every kind present, zeros included). */
    public Map<ChangeKind, Long> countsByKind() {
        return new EnumMap<>(counts);
    }

    /** How many decisions the shadow would have answered otherwise, all kinds (the examples may be fewer). */
    public long changed() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The would-be allows (or pendings) of requests the version in force denied, as kept (up to
     * {@value ChangeTally#EXAMPLES_PER_KIND}; {@link #countsByKind()} has them all): each one is a warning.
     */
    public List<ChangedDecision> wouldAllowDenied() {
        return changes.stream().filter(c -> c.kind() == ChangeKind.DENY_TO_ALLOW).toList();
    }
}
