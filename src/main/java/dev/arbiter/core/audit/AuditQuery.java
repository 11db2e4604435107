package dev.arbiter.core.audit;

import java.time.Instant;

/**
 * A filter over the ledger; every part is optional (null or blank = any).
 * {@code text} matches trace id, action, summary, reasoning, reason code,
 * actor and detail, case-insensitively.
 */
public record AuditQuery(Instant from, Instant to, String agentId, String event, String text, Long maxSeq) {

    public AuditQuery(Instant from, Instant to, String agentId, String event, String text) {
        this(from, to, agentId, event, text, null);
    }

    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null);
    }

    /** Entries up to and including {@code seq} (retention archives by seq, not by clock). */
    public static AuditQuery upTo(long seq) {
        return new AuditQuery(null, null, null, null, null, seq);
    }

    static boolean given(String value) {
        return value != null && !value.isBlank();
    }
}
