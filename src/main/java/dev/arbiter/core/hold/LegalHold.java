package dev.arbiter.core.hold;

/**
 * A legal hold: while active, retention prunes none of the entries it covers.
 *
 * @param id       the hold's number
 * @param agentId  the agent whose entries are held, or null for every agent's
 * @param fromSeq  first held seq, ≥ 1
 * @param toSeq    last held seq, ≥ fromSeq ({@link Long#MAX_VALUE}: every entry from {@code fromSeq} on, also
 *                 future ones)
 * @param reason   why (a matter or case reference), as given
 * @param createdAt AuditTime text
 * @param createdBy who placed it
 * @param releasedAt AuditTime text, or null while the hold is active
 */
public record LegalHold(long id, String agentId, long fromSeq, long toSeq, String reason, String createdAt,
                        String createdBy, String releasedAt) {

    public boolean active() {
        return releasedAt == null;
    }

    /** Whether this hold, while active, covers entry {@code seq} about {@code entryAgentId} (null: no agent). */
    public boolean covers(long seq, String entryAgentId) {
        return active() && seq >= fromSeq && seq <= toSeq && (agentId == null || agentId.equals(entryAgentId));
    }

    /** One line for listings. */
    public String describe() {
        return "#" + id + " " + (agentId == null ? "all agents" : "agent " + agentId) + ", entries #" + fromSeq
                + (toSeq == Long.MAX_VALUE ? " on" : " to #" + toSeq) + ": " + reason + " (" + createdBy + ", "
                + createdAt + (active() ? ")" : "; released " + releasedAt + ")");
    }
}
