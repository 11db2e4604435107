package dev.arbiter.core.hold;

import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditLedger;
import dev.arbiter.core.audit.AuditTime;
import dev.arbiter.core.audit.RetentionGuard;
import dev.arbiter.core.store.Database;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Legal holds on an agent's entries or a range of the ledger (issue 18). Placing and releasing one is recorded in
 * the ledger in the same transaction ({@code audit.hold.placed}, {@code audit.hold.released}); as a
 * {@link RetentionGuard} it makes retention refuse any prune that would remove a held entry.
 */
public final class LegalHolds implements RetentionGuard {

    public static final String PLACED = "audit.hold.placed";
    public static final String RELEASED = "audit.hold.released";

    private final Database database;
    private final AuditLedger ledger;
    private final Clock clock;

    public LegalHolds(Database database, AuditLedger ledger, Clock clock) {
        this.database = database;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * Places a hold and records it in the ledger.
     *
     * @param agentId the agent whose entries to hold, or null for all
     * @param fromSeq first held seq, ≥ 1
     * @param toSeq   last held seq, ≥ fromSeq, or null for every entry from {@code fromSeq} on
     * @throws IllegalArgumentException when the range is empty or the reason blank
     */
    public LegalHold place(String agentId, long fromSeq, Long toSeq, String reason, String actor) {
        long to = toSeq == null ? Long.MAX_VALUE : toSeq;
        if (fromSeq < 1 || to < fromSeq) {
            throw new IllegalArgumentException("A hold covers entries #from to #to with 1 ≤ from ≤ to (got #" + fromSeq
                    + " to #" + to + ")");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("--reason is required: say which matter the hold is for");
        }
        String agent = agentId == null || agentId.isBlank() ? null : agentId.strip();
        String now = AuditTime.format(clock.instant());
        return database.write(tx -> {
            LegalHold draft = new LegalHold(0, agent, fromSeq, to, reason.strip(), now, actor, null);
            long id = LegalHoldStore.insert(tx.connection(), draft);
            ledger.appendWithin(tx, AuditEntry.of(PLACED).actor(actor).agentId(agent)
                    .detail(AuditDetail.of("hold", id, "from_seq", fromSeq, "to_seq", toSeq == null ? "open" : toSeq, "reason", draft.reason()))
                    .build());
            return new LegalHold(id, agent, fromSeq, to, draft.reason(), now, actor, null);
        });
    }

    /**
     * Releases an active hold and records it in the ledger.
     *
     * @throws IllegalArgumentException when there is no active hold {@code id}
     */
    public void release(long id, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("--reason is required: say why the hold may end");
        }
        database.write(tx -> {
            if (!LegalHoldStore.release(tx.connection(), id, AuditTime.format(clock.instant()))) {
                throw new IllegalArgumentException("There is no active legal hold #" + id
                        + " (`arbiter audit hold list` shows them)");
            }
            ledger.appendWithin(tx, AuditEntry.of(RELEASED).actor(actor)
                    .detail(AuditDetail.of("hold", id, "reason", reason.strip())).build());
            return null;
        });
    }

    /** Every hold, active and released, oldest first. */
    public List<LegalHold> all() {
        return database.read(LegalHoldStore::all);
    }

    /**
     * Every hold in force, read inside the caller's transaction (so a decision on it holds until the commit): the
     * table's active holds and, whatever the table says, every hold the signed ledger records as placed and not
     * released. Editing or deleting a {@code legal_hold} row therefore lifts no hold (fail closed).
     */
    public static List<LegalHold> all(java.sql.Connection c) throws java.sql.SQLException {
        List<LegalHold> inForce = new java.util.ArrayList<>(LegalHoldStore.all(c));
        for (LegalHold recorded : LegalHoldStore.recorded(c).values()) {
            if (recorded.active() && inForce.stream().noneMatch(h -> sameTerms(h, recorded) && h.active())) {
                inForce.add(recorded);
            }
        }
        return inForce;
    }

    /**
     * Where the {@code legal_hold} table no longer says what the signed ledger recorded (a hold deleted, released
     * without a release entry, or its agent or range changed), as a sentence naming the hold; empty when they agree.
     */
    public Optional<String> tampering() {
        return database.read(c -> {
            java.util.Map<Long, LegalHold> table = new java.util.HashMap<>();
            LegalHoldStore.all(c).forEach(h -> table.put(h.id(), h));
            for (LegalHold recorded : LegalHoldStore.recorded(c).values()) {
                LegalHold row = table.get(recorded.id());
                if (row == null || !sameTerms(row, recorded) || row.active() != recorded.active()) {
                    return Optional.of("Legal hold #" + recorded.id() + " in the legal_hold table does not match its "
                            + "signed ledger entries (" + (row == null ? "the row was deleted" : "its agent, range or "
                            + "release was changed") + "); Arbiter keeps applying the hold as the ledger recorded it. "
                            + "Restore the table from a backup.");
                }
            }
            return Optional.empty();
        });
    }

    private static boolean sameTerms(LegalHold a, LegalHold b) {
        return a.id() == b.id() && java.util.Objects.equals(a.agentId(), b.agentId()) && a.fromSeq() == b.fromSeq()
                && a.toSeq() == b.toSeq();
    }

    @Override
    public Optional<String> refusal(long fromSeq, long toSeq) {
        return database.read(c -> {
            for (LegalHold h : all(c)) {
                if (!h.active() || h.toSeq() < fromSeq || h.fromSeq() > toSeq) {
                    continue;
                }
                long from = Math.max(fromSeq, h.fromSeq());
                long to = Math.min(toSeq, h.toSeq());
                if (h.agentId() == null || LegalHoldStore.agentHasEntries(c, h.agentId(), from, to)) {
                    return Optional.of("Legal hold " + h.describe() + " covers entries the prune would remove "
                            + "(#" + fromSeq + " to #" + toSeq + "). Release it with `arbiter audit hold release "
                            + h.id() + " --reason ...` once the matter allows; nothing was pruned.");
                }
            }
            return Optional.<String>empty();
        });
    }
}
