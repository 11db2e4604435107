package dev.arbiter.core.incident;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One incident as stored: its triage, the evidence it freezes ({@code pinned}: the ledger range
 * retention may not prune while it is not closed; {@code policies}: the policy versions in force when
 * it was opened), its EU AI Act classification and report, root cause, follow-ups and timeline.
 */
public record Incident(long id, String title, Severity severity, IncidentStatus status, List<String> agents,
                       List<Long> entries, Optional<LedgerRange> pinned, String sourceAlert, List<String> policies,
                       SeriousIncidentClass classification, Instant awareAt, Instant reportedAt, String rootCause,
                       List<String> followUps, Instant openedAt, String openedBy, Instant updatedAt,
                       List<TimelineEvent> timeline) {

    /** The Art. 73 report this incident owes, empty when it is not a serious incident. */
    public Optional<ReportingDeadline> deadline() {
        return classification.clock().map(c -> new ReportingDeadline(classification, awareAt, awareAt.plus(c),
                reportedAt));
    }

    /** When the timeline first records {@code kind}, if it does. */
    public Optional<TimelineEvent> first(TimelineKind kind) {
        return timeline.stream().filter(e -> e.kind() == kind).findFirst();
    }

    /** The actions taken, each linked to its audit entry. */
    public List<TimelineEvent> actions() {
        return timeline.stream().filter(e -> e.kind() == TimelineKind.ACTION).toList();
    }
}
