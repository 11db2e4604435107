package dev.arbiter.core.readiness;

import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditLedger;
import dev.arbiter.core.store.Database;
import dev.arbiter.core.store.Settings;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The readiness decision matrix: start an assessment, score it (drafts are
 * saved on every edit), complete it (then it is history and read-only), copy
 * it to start the next, and track the recommended next steps.
 *
 * <p>Comparisons, trends and the roadmap tracker are per subject: a business
 * unit is compared with its own earlier assessments, not with the whole
 * organisation's, and the steps it tracks carry over from one assessment to
 * the next (each item remembers the assessment that recommended it).
 *
 * <p>Starting, completing and discarding assessments and changing the tracker
 * are audit entries; the autosave of a draft is not, since a draft is work in
 * progress and one entry per keystroke would drown the ledger.
 */
public final class Readiness {

    private final Database database;
    private final AuditLedger ledger;
    private final Settings settings;
    private final Clock clock;
    private final ReadinessGuide guide;

    public Readiness(Database database, AuditLedger ledger, Settings settings, Clock clock, ReadinessGuide guide) {
        this.database = database;
        this.ledger = ledger;
        this.settings = settings;
        this.clock = clock;
        this.guide = guide;
    }

    public ReadinessGuide guide() {
        return guide;
    }

    /** The thresholds in force now (settings, else the guide's). */
    public ReadinessThresholds thresholds() {
        return ReadinessThresholds.from(settings);
    }

    /** Today in the system time zone: the default date of a new assessment. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneId.systemDefault());
    }

    // --- assessments

    /** Starts an empty draft for {@code subject} (an organisation or business unit). */
    public Assessment start(String subject, LocalDate assessedOn, String assessor, String actor) {
        Instant now = clock.instant();
        Assessment draft = new Assessment(0, clean(subject), assessedOn == null ? today() : assessedOn,
                clean(assessor), AssessmentStatus.DRAFT, Map.of(), null, now, now, null, null, null);
        return insertDraft(draft, actor);
    }

    /**
     * Starts the next assessment from a previous one: same subject, scores and
     * notes as a starting point, a new date and assessor. The original is untouched.
     */
    public Assessment copy(long fromId, LocalDate assessedOn, String assessor, String actor) {
        Assessment from = require(fromId);
        Instant now = clock.instant();
        Assessment draft = new Assessment(0, from.subject(), assessedOn == null ? today() : assessedOn,
                clean(assessor).isEmpty() ? from.assessor() : clean(assessor), AssessmentStatus.DRAFT,
                from.scores(), fromId, now, now, null, null, null);
        return insertDraft(draft, actor);
    }

    private Assessment insertDraft(Assessment draft, String actor) {
        long id = database.write(tx -> {
            long newId = ReadinessStore.insertAssessment(tx, draft);
            ledger.appendWithin(tx, AuditEntry.of("readiness.started").actor(actor)
                    .detail(AuditDetail.of("assessment", newId, "subject", draft.subject(),
                            "assessed_on", draft.assessedOn().toString(), "assessor", draft.assessor(),
                            "copied_from", draft.copiedFrom()))
                    .build());
            return newId;
        });
        return require(id);
    }

    /**
     * Saves a draft as it stands (header, scores, notes): the autosave. Refuses
     * a completed assessment, naming it, so a stale screen cannot change history.
     */
    public Assessment saveDraft(Assessment draft) {
        if (draft.assessedOn() == null) {
            throw new IllegalArgumentException("The assessment date is required.");
        }
        boolean saved = database.write(tx -> ReadinessStore.updateDraft(tx, draft, clock.instant()));
        if (!saved) {
            throw find(draft.id()).isPresent() ? notADraft(draft.id()) : missing(draft.id());
        }
        return require(draft.id());
    }

    /**
     * Completes a draft: it becomes history, read-only, judged with the
     * thresholds in force now (which are stored with it), and audited.
     */
    public Assessment complete(long id, String actor) {
        ReadinessThresholds thresholds = thresholds();
        Instant now = clock.instant();
        database.write(tx -> {
            Assessment draft = ReadinessStore.find(tx.connection(), id, thresholds.weakScore())
                    .orElseThrow(() -> missing(id));
            if (draft.isCompleted()) {
                throw notADraft(id);
            }
            List<String> problems = completionProblems(draft);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("Assessment #" + id + " cannot be completed yet: "
                        + String.join("; ", problems) + ".");
            }
            Verdict verdict = Verdict.of(draft, thresholds);
            ReadinessStore.markCompleted(tx, id, now, actor, thresholds);
            Map<String, Object> scores = new LinkedHashMap<>();
            draft.scores().values().forEach(s -> scores.put(s.dimension().key(), s.score()));
            ledger.appendWithin(tx, AuditEntry.of("readiness.completed").actor(actor)
                    .decision(verdict.ready() ? "ready" : "not_ready")
                    .detail(AuditDetail.of("assessment", id, "subject", draft.subject(),
                            "assessed_on", draft.assessedOn().toString(), "assessor", draft.assessor(),
                            "total", verdict.total(), "ready_minimum", thresholds.readyMinimum(),
                            "verdict", verdict.outcome().name().toLowerCase(Locale.ROOT),
                            "warnings", verdict.warnings().stream().map(Dimension::key).toList(),
                            "scores", scores))
                    .build());
            return null;
        });
        return require(id);
    }

    /** What stops a draft from being completed, one phrase each; empty when it can be. */
    public static List<String> completionProblems(Assessment draft) {
        List<String> problems = new ArrayList<>();
        if (draft.subject().isBlank()) {
            problems.add("name the organisation or business unit assessed");
        }
        if (draft.assessor().isBlank()) {
            problems.add("name the assessor");
        }
        List<String> open = draft.scores().values().stream().filter(s -> !s.isScored())
                .map(s -> s.dimension().title()).toList();
        if (!open.isEmpty()) {
            problems.add("score " + String.join(", ", open));
        }
        return problems;
    }

    /** Deletes a draft (never a completed assessment). */
    public void discardDraft(long id, String actor) {
        Assessment draft = require(id);
        if (draft.isCompleted()) {
            throw new IllegalStateException("Assessment #" + id + " is completed; completed assessments are kept.");
        }
        database.write(tx -> {
            ReadinessStore.deleteDraft(tx, id);
            ledger.appendWithin(tx, AuditEntry.of("readiness.discarded").actor(actor)
                    .detail(AuditDetail.of("assessment", id, "subject", draft.subject())).build());
            return null;
        });
    }

    public Optional<Assessment> find(long id) {
        int weak = thresholds().weakScore();
        return database.read(c -> ReadinessStore.find(c, id, weak));
    }

    public Assessment require(long id) {
        return find(id).orElseThrow(() -> missing(id));
    }

    /** Every assessment, drafts included, newest first, each with its verdict. */
    public List<HistoryEntry> history() {
        ReadinessThresholds now = thresholds();
        return database.read(c -> ReadinessStore.all(c, now.weakScore())).stream()
                .map(a -> new HistoryEntry(a, verdict(a, now)))
                .toList();
    }

    /** The newest completed assessment, of any subject. */
    public Optional<Assessment> latestCompleted() {
        return history().stream().map(HistoryEntry::assessment).filter(Assessment::isCompleted).findFirst();
    }

    /** A completed assessment keeps the verdict it was completed with; a draft is judged with today's thresholds. */
    public Verdict verdict(Assessment assessment) {
        return verdict(assessment, thresholds());
    }

    private static Verdict verdict(Assessment assessment, ReadinessThresholds now) {
        return Verdict.of(assessment, assessment.thresholds() != null ? assessment.thresholds() : now);
    }

    /** The subject's completed assessment just before this one (for a draft: its latest completed one). */
    public Optional<Assessment> previous(Assessment assessment) {
        return trendOf(assessment.subject()).stream().map(HistoryEntry::assessment)
                .filter(a -> a.id() != assessment.id() && before(a, assessment))
                .reduce((first, second) -> second);
    }

    private static boolean before(Assessment a, Assessment b) {
        if (!b.isCompleted()) {
            return true;
        }
        int byDate = a.assessedOn().compareTo(b.assessedOn());
        return byDate < 0 || (byDate == 0 && a.id() < b.id());
    }

    /** The subject's completed assessments, oldest first: the trend. */
    public List<HistoryEntry> trendOf(String subject) {
        List<HistoryEntry> trend = new ArrayList<>(history().stream()
                .filter(h -> h.assessment().isCompleted() && sameSubject(h.assessment().subject(), subject))
                .toList());
        trend.sort(Comparator.comparing((HistoryEntry h) -> h.assessment().assessedOn())
                .thenComparingLong(h -> h.assessment().id()));
        return trend;
    }

    private static boolean sameSubject(String a, String b) {
        return a.strip().equalsIgnoreCase(b.strip());
    }

    /** Everything the screen and the report show about one assessment. */
    public ReadinessSnapshot snapshot(long id) {
        Assessment assessment = require(id);
        ReadinessThresholds now = thresholds();
        Verdict verdict = verdict(assessment, now);
        ReadinessThresholds forSteps = new ReadinessThresholds(verdict.thresholds().readyMinimum(),
                verdict.thresholds().warningScore(), now.weakScore());
        // a completed assessment's trend ends with it, so its report reads the same when exported again later
        List<HistoryEntry> trend = trendOf(assessment.subject()).stream()
                .filter(h -> h.assessment().id() == id || before(h.assessment(), assessment)).toList();
        return new ReadinessSnapshot(assessment, verdict,
                previous(assessment).map(p -> Comparison.between(p, assessment)),
                trend, guide.nextSteps(assessment, forSteps), checklist(id), guide);
    }

    // --- roadmap tracker

    /** The roadmap tracker of the assessment's subject, by phase and due date. */
    public List<ChecklistItem> checklist(long assessmentId) {
        return database.read(c -> ReadinessStore.tracker(c, assessmentId));
    }

    /**
     * Puts a recommended step on the subject's tracker, due at the end of its
     * roadmap phase counted from the assessment date. A step the subject already
     * tracks is not added twice: the item already there is returned.
     */
    public ChecklistItem track(long assessmentId, String stepKey, String owner, String actor) {
        Assessment assessment = require(assessmentId);
        RoadmapStep step = guide.step(stepKey).orElseThrow(() ->
                new IllegalArgumentException("The guide has no next step '" + stepKey + "'"));
        Optional<ChecklistItem> existing = checklist(assessmentId).stream()
                .filter(i -> stepKey.equals(i.stepKey())).findFirst();
        if (existing.isPresent()) {
            return existing.get();
        }
        Dimension dimension = step.dimensions().stream()
                .min(Comparator.comparing(d -> Optional.ofNullable(assessment.score(d).score()).orElse(6)))
                .orElseThrow();
        ChecklistItem item = new ChecklistItem(0, assessmentId, stepKey, step.text(), dimension, step.phase(),
                clean(owner), assessment.assessedOn().plusDays(step.phase().endDay()), null, clock.instant());
        long id = database.write(tx -> {
            long newId = ReadinessStore.insertItem(tx, item);
            ledger.appendWithin(tx, AuditEntry.of("readiness.step_tracked").actor(actor)
                    .detail(AuditDetail.of("assessment", assessmentId, "item", newId, "step", stepKey,
                            "owner", item.owner(), "due_on", item.dueOn().toString()))
                    .build());
            return newId;
        });
        return requireItem(id);
    }

    /** Changes who owns an item and when it is due (planning, not audited). */
    public ChecklistItem plan(long itemId, String owner, LocalDate dueOn) {
        ChecklistItem item = requireItem(itemId).withOwner(clean(owner)).withDueOn(dueOn);
        database.write(tx -> {
            ReadinessStore.updateItem(tx, item);
            return null;
        });
        return requireItem(itemId);
    }

    /** Ticks an item off (or reopens it): audited, as it is progress a board may ask about. */
    public ChecklistItem setDone(long itemId, boolean done, String actor) {
        ChecklistItem item = requireItem(itemId);
        if (item.done() == done) {
            return item;
        }
        ChecklistItem changed = new ChecklistItem(item.id(), item.assessmentId(), item.stepKey(), item.text(),
                item.dimension(), item.phase(), item.owner(), item.dueOn(), done ? clock.instant() : null,
                item.createdAt());
        database.write(tx -> {
            ReadinessStore.updateItem(tx, changed);
            ledger.appendWithin(tx, AuditEntry.of(done ? "readiness.step_done" : "readiness.step_reopened")
                    .actor(actor)
                    .detail(AuditDetail.of("assessment", item.assessmentId(), "item", itemId, "step", item.stepKey(),
                            "text", item.text(), "owner", item.owner()))
                    .build());
            return null;
        });
        return requireItem(itemId);
    }

    public void untrack(long itemId, String actor) {
        ChecklistItem item = requireItem(itemId);
        database.write(tx -> {
            ReadinessStore.deleteItem(tx, itemId);
            ledger.appendWithin(tx, AuditEntry.of("readiness.step_untracked").actor(actor)
                    .detail(AuditDetail.of("assessment", item.assessmentId(), "item", itemId, "step", item.stepKey(),
                            "text", item.text()))
                    .build());
            return null;
        });
    }

    private ChecklistItem requireItem(long itemId) {
        return database.read(c -> ReadinessStore.item(c, itemId))
                .orElseThrow(() -> new IllegalArgumentException("No checklist item #" + itemId));
    }

    private static IllegalArgumentException missing(long id) {
        return new IllegalArgumentException("No readiness assessment #" + id);
    }

    private static IllegalStateException notADraft(long id) {
        return new IllegalStateException("Assessment #" + id
                + " is completed and read-only; copy it to start the next assessment.");
    }

    private static String clean(String s) {
        return s == null ? "" : s.strip();
    }
}
