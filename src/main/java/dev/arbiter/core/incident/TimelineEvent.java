package dev.arbiter.core.incident;

import java.time.Instant;

/**
 * One line of an incident's timeline: what happened, when, who did it, and the ledger entry that
 * records it ({@code auditSeq}; for an action, the entry of the action itself).
 */
public record TimelineEvent(TimelineKind kind, Instant at, String actor, String note, Long auditSeq) {
}
