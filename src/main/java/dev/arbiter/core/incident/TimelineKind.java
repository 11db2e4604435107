package dev.arbiter.core.incident;

import java.util.Locale;

/** What a line of an incident's timeline records. */
public enum TimelineKind {
    /** The incident was detected (the organisation became aware). */
    DETECTED,
    /** Someone took it on. */
    ACKNOWLEDGED,
    CONTAINED,
    RESOLVED,
    CLOSED,
    /** Its EU AI Act classification was set or changed. */
    CLASSIFIED,
    /** An action taken (kill switch, pause, policy change), linked to the audit entry that records it. */
    ACTION,
    /** Ledger entries were added to the evidence (the pinned range grows to cover them). */
    EVIDENCE,
    ROOT_CAUSE,
    FOLLOW_UP,
    /** The Art. 73 report was sent to the market surveillance authority. */
    REPORTED,
    /** A playbook was started for the incident. */
    PLAYBOOK,
    /** A playbook step was done. */
    STEP,
    NOTE;

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
