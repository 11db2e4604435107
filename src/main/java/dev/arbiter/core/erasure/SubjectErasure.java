package dev.arbiter.core.erasure;

import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditLedger;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.audit.PersonalDataStore;
import dev.arbiter.core.hold.LegalHold;
import dev.arbiter.core.hold.LegalHolds;
import dev.arbiter.core.queue.EscalationQueue;
import dev.arbiter.core.store.Database;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Erases a data subject's personal fields from the audit ledger (GDPR Art. 17, right to erasure) without breaking
 * the hash chain: entries written for the subject hold only salted commitments to those fields (see
 * {@link dev.arbiter.core.audit.PersonalData}), and this deletes the values beside them.
 *
 * <p>The data subject is the {@code subject_id} an entry was written for: for a gateway decision, the
 * {@code subject_id} member of the agent's {@code context} object; for an MCP tool call, a tool argument the
 * policy maps to context key {@code subject_id}. Matching is exact (case and spaces count), because an id that
 * merely looks alike may be another person.
 *
 * <p>Entries an active legal hold covers are kept (Art. 17(3)(e): data needed for legal claims) and reported.
 * The reviewer's copy in the escalation queue of each erased entry's trace is erased too. The erasure is
 * recorded in the ledger as {@code audit.erasure} in the same transaction, with counts and seq
 * range but never the subject id or the erased values. Then the store is scrubbed so that no copy stays in free
 * pages or the SQLite journal.
 */
public final class SubjectErasure {

    /** The event recording an erasure. */
    public static final String EVENT = "audit.erasure";
    private static final String TABLE = "audit_personal";
    private static final String ESCALATIONS = "escalation";

    private final Database database;
    private final AuditLedger ledger;
    private final EscalationQueue queue;

    public SubjectErasure(Database database, AuditLedger ledger, EscalationQueue queue) {
        this.database = database;
        this.ledger = ledger;
        this.queue = queue;
    }

    /** How many entries hold personal data of {@code subjectId} now (for a confirmation prompt). */
    public int entriesOf(String subjectId) {
        String subject = required(subjectId);
        return database.read(c -> PersonalDataStore.entriesOf(c, subject).size());
    }

    /**
     * Erases the subject's personal fields from every entry no active legal hold covers and records that.
     *
     * @param subjectId the data subject's id, exactly as the entries were written for it
     * @param reason    why (the request's reference), kept in the ledger entry; required
     * @param actor     who erased
     * @throws IllegalArgumentException when the subject or reason is blank
     */
    public ErasureResult erase(String subjectId, String reason, String actor) {
        String subject = required(subjectId);
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("--reason is required: name the erasure request (a ticket or date)");
        }
        ErasureResult done = database.write(tx -> {
            List<LegalHold> holds = LegalHolds.all(tx.connection());
            List<Long> erasable = new ArrayList<>();
            Set<String> traces = new LinkedHashSet<>();
            Set<LegalHold> keeping = new LinkedHashSet<>();
            int held = 0;
            for (PersonalDataStore.Held e : PersonalDataStore.entriesOf(tx.connection(), subject)) {
                List<LegalHold> covering = holds.stream().filter(h -> h.covers(e.seq(), e.agentId())).toList();
                if (covering.isEmpty()) {
                    erasable.add(e.seq());
                    if (e.traceId() != null) {
                        traces.add(e.traceId());
                    }
                } else {
                    keeping.addAll(covering);
                    held++;
                }
            }
            int fields = PersonalDataStore.erase(tx.connection(), subject, erasable);
            int escalations = EscalationPersonalStore.erase(tx.connection(), traces);
            LedgerEntry recorded = ledger.appendWithin(tx, AuditEntry.of(EVENT).actor(actor)
                    .detail(AuditDetail.of("entries", erasable.size(), "fields", fields,
                            "first_seq", erasable.isEmpty() ? null : erasable.get(0),
                            "last_seq", erasable.isEmpty() ? null : erasable.get(erasable.size() - 1),
                            "escalations", escalations, "kept_under_hold", held,
                            "holds", keeping.stream().map(LegalHold::id).toList(),
                            "reason", reason.strip(), "legal_basis", "GDPR Art. 17"))
                    .build());
            tx.afterCommit(() -> queue.reread(traces));
            return new ErasureResult(erasable.size(), fields, held, List.copyOf(keeping), recorded.seq(), false);
        });
        boolean scrubbed = database.scrubDeleted(TABLE) & database.scrubDeleted(ESCALATIONS);
        return new ErasureResult(done.entries(), done.fields(), done.heldEntries(), done.holds(), done.recordedAs(),
                scrubbed);
    }

    private static String required(String subjectId) {
        if (subjectId == null || subjectId.isBlank()) {
            throw new IllegalArgumentException("--subject is required: the data subject's id as the agent sent it "
                    + "in context.subject_id");
        }
        return subjectId;
    }
}
