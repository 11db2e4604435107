package dev.arbiter.core.audit;

import dev.arbiter.core.store.Database;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * The audited way out when the head anchor is missing, unreadable or disagrees
 * with the ledger: a person gives a reason, a {@code ledger.anchor_reset}
 * entry records it (what the anchor said, where the ledger ended, who, why),
 * and the anchor then names that entry. Writing resumes; {@code audit verify}
 * still reports the reset, because a tail cut before it can no longer be ruled
 * out (issue 13 §3). While the anchor is in order there is nothing to reset.
 */
public final class AnchorReset {

    /** The event of the entry a reset writes. */
    public static final String EVENT = "ledger.anchor_reset";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database database;
    private final AuditLedger ledger;

    public AnchorReset(Database database, AuditLedger ledger) {
        this.database = database;
        this.ledger = ledger;
    }

    /** Why the ledger refuses to write because of its anchor, or empty when the anchor is in order. */
    public Optional<String> problem() {
        return database.read(c -> {
            HeadAnchor.Head head = LedgerRows.head(c);
            return ledger.anchor().problemWith(head, seq -> LedgerRows.hashOf(c, seq));
        });
    }

    /**
     * Records the reset and points the anchor at it.
     *
     * @param reason why the anchor may be reset (e.g. "disk replaced, ledger.head lost"); not blank
     * @param actor  who decided it
     * @return the {@code ledger.anchor_reset} entry
     * @throws IllegalArgumentException when the reason is blank
     * @throws IllegalStateException    when the anchor agrees with the ledger (nothing to reset)
     */
    public LedgerEntry reset(String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("Give a reason for resetting the ledger head anchor (--reason).");
        }
        return database.write(tx -> {
            HeadAnchor.Head head = AuditLedger.chainHead(tx);
            HeadAnchor anchor = ledger.anchor();
            Optional<String> problem = anchor.problemWith(head, seq -> LedgerRows.hashOf(tx.connection(), seq));
            if (problem.isEmpty()) {
                throw new IllegalStateException("The ledger head anchor " + anchor.file()
                        + " agrees with the ledger (#" + head.seq() + "): there is nothing to reset.");
            }
            HeadAnchor.Reading reading = anchor.reading();
            String was = reading instanceof HeadAnchor.Anchored a ? "#" + a.head().seq() + " " + a.head().hash()
                    : reading instanceof HeadAnchor.Unreadable u ? "unreadable: " + u.why() : "missing";
            return ledger.appendAnchorReset(tx, AuditEntry.of(EVENT).actor(actor)
                    .detail(AuditDetail.of("reason", reason.strip(), "anchor_was", was,
                            "ledger_head_seq", head.seq(), "ledger_head_hash", head.hash()))
                    .build());
        });
    }

    /** The sentence verification reports for a reset entry's body. */
    static String describe(String body) {
        try {
            JsonNode entry = JSON.readTree(body);
            JsonNode detail = JSON.readTree(entry.path("detail").asText("{}"));
            return "Note: the head anchor was reset at entry #" + entry.path("seq").asLong() + " on "
                    + entry.path("timestamp").asText() + " by " + entry.path("actor").asText() + " (it was "
                    + detail.path("anchor_was").asText() + "; reason: " + detail.path("reason").asText()
                    + "). A tail cut off before #" + detail.path("ledger_head_seq").asLong()
                    + " cannot be ruled out.";
        } catch (IOException e) {
            return "Note: the head anchor was reset (the entry recording it cannot be read: " + e.getMessage() + ").";
        }
    }
}
