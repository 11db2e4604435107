package dev.arbiter.core.assessment;

import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditLedger;
import dev.arbiter.core.event.Events;
import dev.arbiter.core.store.Database;
import dev.arbiter.core.store.Settings;
import dev.arbiter.core.store.Tx;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The risk assessment workflow of the guide's template: a draft is filled in
 * (every edit saved, with a per-field history), submitted for review, signed
 * off by security, compliance and architecture, and approved or rejected.
 * A decided version is locked; changing it starts the next version.
 *
 * <p>Every workflow step is an audit entry written in the same transaction as
 * the state it records. Draft edits are not: they go to the version's change
 * history, and the submission that freezes them is audited.
 */
public final class AssessmentService {

    private final Database database;
    private final AuditLedger ledger;
    private final Settings settings;
    private final Events events;
    private final Clock clock;
    private final AssessmentStore store = new AssessmentStore();

    public AssessmentService(Database database, AuditLedger ledger, Settings settings, Events events, Clock clock) {
        this.database = database;
        this.ledger = ledger;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    // ---- reading

    public List<AssessmentSummary> list() {
        return database.read(store::summaries);
    }

    /** The newest version. */
    public Assessment get(long id) {
        return database.read(c -> store.load(c, id, null));
    }

    public Assessment get(long id, int version) {
        return database.read(c -> store.load(c, id, version));
    }

    public List<VersionSummary> versions(long id) {
        return database.read(c -> store.versions(c, id));
    }

    public List<FieldChange> changes(long id, int version) {
        return database.read(c -> store.changes(c, id, version));
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    // ---- approval policy

    public RiskBand tolerance() {
        return settings.get(ApprovalRules.SETTING).map(s -> {
            try {
                return RiskBand.parse(s);
            } catch (IllegalArgumentException e) {
                return ApprovalRules.DEFAULT_TOLERANCE;
            }
        }).orElse(ApprovalRules.DEFAULT_TOLERANCE);
    }

    public ApprovalRules rules() {
        return new ApprovalRules(tolerance());
    }

    /** Sets the highest residual band that may be approved without an accepted exception. */
    public void setTolerance(RiskBand band, String actor) {
        RiskBand before = tolerance();
        if (before == band) {
            return;
        }
        database.write(tx -> {
            Settings.put(tx, ApprovalRules.SETTING, band.name());
            audit(tx, AuditEntry.of("assessment.tolerance_changed").actor(actor)
                    .detail(AuditDetail.of("from", before.label(), "to", band.label())));
            return null;
        });
    }

    // ---- drafting

    /** A new assessment, version 1, as a draft with the guide's six risk categories unscored. */
    public Assessment create(String systemName, String owner, String actor) {
        Instant now = clock.instant();
        AssessmentContent content = AssessmentContent.blank(systemName, owner);
        long id = database.write(tx -> {
            long newId = store.insertAssessment(tx.connection(), now, actor);
            store.insertVersion(tx.connection(), newId, 1, content, now, actor);
            audit(tx, AuditEntry.of("assessment.created").actor(actor)
                    .detail(AuditDetail.of("assessment", Assessment.reference(newId), "version", 1,
                            "system", content.overview().systemName())));
            changed(tx, newId);
            return newId;
        });
        return get(id);
    }

    /**
     * Saves the draft's content as it is now (autosave: partial and invalid
     * entries are kept; rules apply at submission). Refused unless
     * {@code version} is the newest version and still a draft.
     */
    public Assessment saveDraft(long id, int version, AssessmentContent content, String actor) {
        Objects.requireNonNull(content, "content");
        Instant now = clock.instant();
        return database.write(tx -> {
            Assessment current = store.load(tx.connection(), id, null);
            if (current.version() != version) {
                throw new AssessmentRuleException(current.reference() + " v" + version
                        + " is no longer the newest version (v" + current.version() + " is); reload it.");
            }
            requireStatus(current, AssessmentStatus.DRAFT, "edited");
            List<ContentDiff.Difference> differences = ContentDiff.between(current.content(), content);
            if (differences.isEmpty()) {
                return current;
            }
            store.updateContent(tx.connection(), id, version, content, now, actor);
            store.recordChanges(tx.connection(), id, version, now, actor, differences);
            changed(tx, id);
            return store.load(tx.connection(), id, version);
        });
    }

    // ---- workflow

    /** Draft to in review; refused with every missing item listed. */
    public Assessment submit(long id, String actor) {
        return step(id, current -> {
            requireStatus(current, AssessmentStatus.DRAFT, "submitted for review");
            List<String> problems = rules().problemsBeforeReview(current.content());
            if (!problems.isEmpty()) {
                throw new AssessmentRuleException(current.reference() + " is not ready for review:", problems);
            }
            return (tx, now) -> {
                store.markSubmitted(tx.connection(), id, current.version(), now, actor);
                return AuditEntry.of("assessment.submitted").actor(actor).detail(AuditDetail.of(
                        "assessment", current.reference(), "version", current.version(),
                        "system", current.content().overview().systemName(),
                        "highest_residual", current.highestResidual().map(r -> r.residual().score()).orElse(null)));
            };
        });
    }

    /** In review back to draft to change it; the reviews and exceptions given so far are withdrawn. */
    public Assessment returnToDraft(long id, String reason, String actor) {
        String why = required(reason, "A reason is needed to return an assessment to draft.");
        return step(id, current -> {
            requireStatus(current, AssessmentStatus.IN_REVIEW, "returned to draft");
            return (tx, now) -> {
                store.markReturned(tx.connection(), id, current.version());
                return AuditEntry.of("assessment.returned").actor(actor).detail(AuditDetail.of(
                        "assessment", current.reference(), "version", current.version(), "reason", why,
                        "withdrawn_reviews", current.reviews().size()));
            };
        });
    }

    /**
     * Records a security, compliance or architecture sign-off (a later one of the
     * same kind replaces it; the ledger keeps both). A fail needs a comment saying why.
     */
    public Assessment recordReview(long id, ReviewKind kind, Verdict verdict, String reviewer, String comment,
                                   String actor) {
        String who = required(reviewer, "Name the reviewer of the " + kind.label().toLowerCase(Locale.ROOT) + ".");
        String note = comment == null ? "" : comment.strip();
        if (verdict == Verdict.FAIL && note.isEmpty()) {
            throw new AssessmentRuleException("A failed " + kind.label().toLowerCase(Locale.ROOT)
                    + " needs a comment saying what must change.");
        }
        return step(id, current -> {
            requireStatus(current, AssessmentStatus.IN_REVIEW, "reviewed");
            return (tx, now) -> {
                store.putReview(tx.connection(), id, current.version(), new Review(kind, verdict, who, now, note, actor));
                return AuditEntry.of("assessment.reviewed").actor(actor).humanOverride(true).detail(AuditDetail.of(
                        "assessment", current.reference(), "version", current.version(),
                        "review", kind.name().toLowerCase(Locale.ROOT), "verdict", verdict.name().toLowerCase(Locale.ROOT),
                        "reviewer", who, "comment", note));
            };
        });
    }

    /** Accepts a residual risk above the tolerance, with a justification, so that approval may proceed. */
    public Assessment acceptException(long id, String category, String justification, String actor) {
        String why = required(justification, "An exception needs a justification.");
        return step(id, current -> {
            requireStatus(current, AssessmentStatus.IN_REVIEW, "given exceptions");
            ApprovalRules rules = rules();
            Risk risk = current.content().risks().stream().filter(r -> r.category().equalsIgnoreCase(category))
                    .findFirst().orElseThrow(() -> new AssessmentRuleException(
                            current.reference() + " has no risk '" + category + "'."));
            if (!rules.aboveTolerance(current.content()).contains(risk)) {
                throw new AssessmentRuleException("Risk '" + risk.category() + "' is within the tolerance ("
                        + rules.tolerance().label().toLowerCase(Locale.ROOT) + "); it needs no exception.");
            }
            return (tx, now) -> {
                store.putException(tx.connection(), id, current.version(),
                        new RiskException(risk.category(), why, actor, now));
                return AuditEntry.of("assessment.exception_accepted").actor(actor).humanOverride(true)
                        .detail(AuditDetail.of("assessment", current.reference(), "version", current.version(),
                                "risk", risk.category(), "residual", risk.residual().score(),
                                "band", risk.residual().band().label(), "justification", why));
            };
        });
    }

    /** The final approval; refused with every blocker listed. Locks the version and sets the next review date. */
    public Assessment approve(long id, String comment, String actor) {
        String note = comment == null ? "" : comment.strip();
        return step(id, current -> {
            List<String> blockers = rules().blockersToApproval(current);
            if (!blockers.isEmpty()) {
                throw new AssessmentRuleException(current.reference() + " cannot be approved yet:", blockers);
            }
            return (tx, now) -> {
                LocalDate due = current.content().cadence().nextAfter(LocalDate.ofInstant(now, ZoneOffset.UTC));
                store.markDecided(tx.connection(), id, current.version(), new Decision(true, actor, now, note), due);
                return AuditEntry.of("assessment.approved").actor(actor).humanOverride(true).detail(AuditDetail.of(
                        "assessment", current.reference(), "version", current.version(),
                        "system", current.content().overview().systemName(), "comment", note,
                        "next_review", due.toString()));
            };
        });
    }

    /** Rejects the version in review, with the reason; it is locked, and a new version may follow. */
    public Assessment reject(long id, String reason, String actor) {
        String why = required(reason, "A rejection needs a reason.");
        return step(id, current -> {
            requireStatus(current, AssessmentStatus.IN_REVIEW, "rejected");
            return (tx, now) -> {
                store.markDecided(tx.connection(), id, current.version(), new Decision(false, actor, now, why), null);
                return AuditEntry.of("assessment.rejected").actor(actor).humanOverride(true).detail(AuditDetail.of(
                        "assessment", current.reference(), "version", current.version(),
                        "system", current.content().overview().systemName(), "reason", why));
            };
        });
    }

    /** Starts the next version as a draft with the decided version's content; the decided one stays as history. */
    public Assessment startNewVersion(long id, String actor) {
        return step(id, current -> {
            if (!current.status().isFinal()) {
                throw new AssessmentRuleException(current.reference() + " v" + current.version() + " is "
                        + current.status().label().toLowerCase(Locale.ROOT)
                        + " and can still be changed; a new version follows an approval or a rejection.");
            }
            return (tx, now) -> {
                // after a discarded revision the next number is past it: version numbers are never reused
                int next = store.highestVersionNumber(tx.connection(), id) + 1;
                store.insertVersion(tx.connection(), id, next, current.content(), now, actor);
                return AuditEntry.of("assessment.revised").actor(actor).detail(AuditDetail.of(
                        "assessment", current.reference(), "version", next, "from_version", current.version(),
                        "from_status", current.status().name().toLowerCase(Locale.ROOT)));
            };
        });
    }

    // ---- discarding a draft

    /**
     * Discards the newest version when it is a draft (a new assessment, or a revision started by
     * mistake): it leaves the lists and reports, an earlier decided version (if any) shows again, and
     * {@link #restore} brings it back. Versions are never deleted (V4), so this is a marker (V24), audited.
     *
     * @return the draft as it was discarded
     * @throws AssessmentRuleException when the newest version is not a draft
     * @throws UnknownAssessmentException when there is no such assessment (or every version is discarded)
     */
    public Assessment discard(long id, String actor) {
        Instant now = clock.instant();
        return database.write(tx -> {
            Assessment current = store.load(tx.connection(), id, null);
            if (current.status() != AssessmentStatus.DRAFT) {
                throw new AssessmentRuleException(current.reference() + " v" + current.version() + " is "
                        + current.status().label().toLowerCase(Locale.ROOT) + "; only a draft can be discarded."
                        + (current.status() == AssessmentStatus.IN_REVIEW ? " Return it to draft first." : ""));
            }
            store.markDiscarded(tx.connection(), id, current.version(), now, actor);
            audit(tx, AuditEntry.of("assessment.discarded").actor(actor).detail(AuditDetail.of(
                    "assessment", current.reference(), "version", current.version(),
                    "system", current.content().overview().systemName())));
            changed(tx, id);
            return current;
        });
    }

    /**
     * Restores the most recently discarded draft of an assessment, as it was. Refused when a newer
     * version was started since (two drafts of one assessment never coexist).
     *
     * @return the restored draft
     * @throws AssessmentRuleException when nothing is discarded or a newer version exists
     */
    public Assessment restore(long id, String actor) {
        return database.write(tx -> {
            String ref = Assessment.reference(id);
            if (store.highestVersionNumber(tx.connection(), id) == 0) {
                throw new UnknownAssessmentException(id);
            }
            int version = store.lastDiscarded(tx.connection(), id).orElseThrow(() ->
                    new AssessmentRuleException(ref + " has no discarded draft to restore."));
            Integer newest = newestKept(tx, id);
            if (newest != null && newest > version) {
                throw new AssessmentRuleException(ref + " v" + version + " stays discarded: v" + newest
                        + " was started after it. Discard v" + newest + " first to go back to v" + version + ".");
            }
            store.unmarkDiscarded(tx.connection(), id, version);
            Assessment restored = store.load(tx.connection(), id, version);
            audit(tx, AuditEntry.of("assessment.restored").actor(actor).detail(AuditDetail.of(
                    "assessment", ref, "version", version, "system", restored.content().overview().systemName())));
            changed(tx, id);
            return restored;
        });
    }

    private Integer newestKept(Tx tx, long id) throws SQLException {
        try {
            return store.latestVersion(tx.connection(), id);
        } catch (UnknownAssessmentException e) {
            return null; // every version is discarded
        }
    }

    // ---- plumbing

    /** What a workflow step writes, given the transaction and the time; returns the audit entry to append. */
    @FunctionalInterface
    private interface Write {
        AuditEntry.Builder apply(Tx tx, Instant now) throws SQLException;
    }

    /** Checks a step against the newest version (read in the transaction), then writes it with its audit entry. */
    @FunctionalInterface
    private interface Step {
        Write check(Assessment current);
    }

    private Assessment step(long id, Step step) {
        Instant now = clock.instant();
        return database.write(tx -> {
            Assessment current = store.load(tx.connection(), id, null);
            Write write = step.check(current);
            audit(tx, write.apply(tx, now));
            changed(tx, id);
            return store.load(tx.connection(), id, null);
        });
    }

    private void audit(Tx tx, AuditEntry.Builder entry) throws SQLException {
        ledger.appendWithin(tx, entry.build());
    }

    private void changed(Tx tx, long id) {
        tx.afterCommit(() -> events.publish(new AssessmentsChanged(id)));
    }

    private static void requireStatus(Assessment current, AssessmentStatus wanted, String what) {
        if (current.status() != wanted) {
            String hint = current.status().isFinal() ? " Start a new version to change it." : "";
            throw new AssessmentRuleException(current.reference() + " v" + current.version() + " is "
                    + current.status().label().toLowerCase(Locale.ROOT) + " and cannot be " + what + "; only "
                    + (wanted == AssessmentStatus.DRAFT ? "a draft" : "an assessment in review") + " can." + hint);
        }
    }

    private static String required(String text, String message) {
        if (text == null || text.isBlank()) {
            throw new AssessmentRuleException(message);
        }
        return text.strip();
    }
}
