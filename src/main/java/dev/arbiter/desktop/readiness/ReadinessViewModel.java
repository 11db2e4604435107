package dev.arbiter.desktop.readiness;

import dev.arbiter.core.readiness.Assessment;
import dev.arbiter.core.readiness.AssessmentStatus;
import dev.arbiter.core.readiness.ChecklistItem;
import dev.arbiter.core.readiness.Comparison;
import dev.arbiter.core.readiness.Descriptors;
import dev.arbiter.core.readiness.Dimension;
import dev.arbiter.core.readiness.DimensionChange;
import dev.arbiter.core.readiness.DimensionScore;
import dev.arbiter.core.readiness.HistoryEntry;
import dev.arbiter.core.readiness.Readiness;
import dev.arbiter.core.readiness.ReadinessGuide;
import dev.arbiter.core.readiness.ReadinessSnapshot;
import dev.arbiter.core.readiness.ReadinessThresholds;
import dev.arbiter.core.readiness.Recommendation;
import dev.arbiter.core.readiness.Verdict;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.report.readiness.ReadinessReport;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import java.time.Duration;
import dev.arbiter.desktop.common.Debounce;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State and commands of the readiness screen. The matrix is edited in
 * properties; the total, verdict and next steps follow every edit at once
 * (computed by core's pure scoring, no I/O), and a draft is saved a moment
 * after the last edit (debounced) through {@link SerialWrites}, so nothing
 * typed is lost and saves never overtake each other.
 *
 * <p>All methods are called on the FX thread; core is called off it.
 */
public final class ReadinessViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(ReadinessViewModel.class);
    static final Duration AUTOSAVE_DELAY = Duration.ofMillis(400);
    /** How often at most the screen re-reads after changes made elsewhere. */
    static final Duration FOLLOW_INTERVAL = Duration.ofMillis(500);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** One row of the matrix: a dimension's score (0 while unscored) and notes, with the guide's words. */
    public static final class DimensionRow {
        private final Dimension dimension;
        private final Descriptors descriptors;
        private final String pillar;
        private final IntegerProperty score = new SimpleIntegerProperty(0);
        private final StringProperty notes = new SimpleStringProperty("");
        private final ReadOnlyStringWrapper change = new ReadOnlyStringWrapper("");
        private final ReadOnlyStringWrapper evidence = new ReadOnlyStringWrapper("");
        private final ReadOnlyObjectWrapper<DimensionChange.Direction> direction =
                new ReadOnlyObjectWrapper<>(DimensionChange.Direction.NOT_COMPARABLE);

        DimensionRow(Dimension dimension, ReadinessGuide guide) {
            this.dimension = dimension;
            this.descriptors = guide.descriptors(dimension);
            this.pillar = guide.pillar(dimension);
        }

        public Dimension dimension() { return dimension; }
        public Descriptors descriptors() { return descriptors; }
        public String pillar() { return pillar; }
        public IntegerProperty scoreProperty() { return score; }
        public StringProperty notesProperty() { return notes; }
        /** "+2 vs. previous", empty without a previous assessment. */
        public ReadOnlyStringProperty changeProperty() { return change.getReadOnlyProperty(); }
        /** What Arbiter knows for the dimension (e.g. tabletop exercises), shown beside the score; never a score. */
        public ReadOnlyStringProperty evidenceProperty() { return evidence.getReadOnlyProperty(); }
        public ReadOnlyObjectProperty<DimensionChange.Direction> directionProperty() {
            return direction.getReadOnlyProperty();
        }

        /** What the chosen score means, in the guide's words; empty while unscored. */
        public String meaning() {
            return score.get() == 0 ? "" : descriptors.describe(score.get());
        }

        Integer scoreOrNull() {
            return score.get() == 0 ? null : score.get();
        }
    }

    private final DesktopContext context;
    private final Readiness readiness;
    private final SerialWrites writes;
    private final Debounce autosave;
    private final List<DimensionRow> rows = new ArrayList<>();

    private final ObservableList<HistoryEntry> history = FXCollections.observableArrayList();
    private final ObservableList<HistoryEntry> trend = FXCollections.observableArrayList();
    private final ObservableList<Recommendation> nextSteps = FXCollections.observableArrayList();
    private final ObservableList<ChecklistItem> checklist = FXCollections.observableArrayList();
    private final StringProperty subject = new SimpleStringProperty("");
    private final StringProperty assessor = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> assessedOn = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Assessment> loaded = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper editable = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<Verdict> verdict = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Assessment> previous = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper comparisonText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper completionProblems = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper statusIsProblem = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyBooleanWrapper allSaved = new ReadOnlyBooleanWrapper(true);
    private ReadinessThresholds thresholds = ReadinessThresholds.GUIDE;
    private boolean applying;
    private boolean dirty;
    /** A change elsewhere came while the person's edit was being saved: look again once all is saved. */
    private boolean recheckWhenSaved;
    private final java.util.concurrent.atomic.AtomicBoolean checkQueued = new java.util.concurrent.atomic.AtomicBoolean();
    /** The tables whose changes by another process the screen follows ("setting": the thresholds). */
    private static final String[] WATCHED = {"readiness_assessment", "readiness_score", "readiness_step", "setting"};
    private BiConsumer<String, Throwable> errors = (title, e) -> LOG.warn("{}: {}", title, e.getMessage());

    public ReadinessViewModel(DesktopContext context) {
        this.context = context;
        this.autosave = new Debounce(context.ui(), AUTOSAVE_DELAY, this::save);
        this.readiness = context.workspace().readiness();
        this.writes = new SerialWrites(context.background(), this::updateSaved);
        for (Dimension d : Dimension.values()) {
            DimensionRow row = new DimensionRow(d, readiness.guide());
            row.score.addListener((o, was, now) -> edited());
            row.notes.addListener((o, was, now) -> edited());
            rows.add(row);
        }
        subject.addListener((o, was, now) -> edited());
        assessor.addListener((o, was, now) -> edited());
        assessedOn.addListener((o, was, now) -> edited());
        var events = context.workspace().events();
        events.subscribe(dev.arbiter.core.vendor.VendorsChanged.class, e -> refreshRecorded());
        events.subscribe(dev.arbiter.core.agent.AgentChanged.class, e -> refreshRecorded());
        events.subscribe(dev.arbiter.core.event.WorkspaceChanged.class, e -> {
            if (e.touches("vendor", "agent", "agent_fallback", "model_change")) {
                refreshRecorded();
            }
            if (e.touches(WATCHED)) {
                followOthers();
            }
        });
    }

    /**
     * Another process (a second desktop, the CLI) changed assessments, scores, the checklist or the thresholds
     * (issue 20 "never stale"). Coalesced: one check is queued on the UI thread however many notices come.
     */
    private void followOthers() {
        if (checkQueued.compareAndSet(false, true)) {
            // on SQLite every commit anywhere (each ledger append of a busy gateway) is a notice naming no table:
            // look at most once per interval rather than re-reading the screen at the ledger's pace
            context.ui().execute(() -> context.ui().after(FOLLOW_INTERVAL, this::checkForChanges));
        }
    }

    /**
     * Re-reads what is on screen and shows it when it differs. Never over the person's work: while an edit
     * waits for its autosave or any write runs, the check waits until everything is saved (so the other
     * process's change is shown after ours landed, last writer wins, as for every save of a draft).
     */
    private void checkForChanges() {
        checkQueued.set(false);
        if (!idle()) {
            recheckWhenSaved = true;
            return;
        }
        Assessment current = loaded.get();
        Long id = current == null ? null : current.id();
        writes.submit(() -> () -> read(id), fresh -> {
            // this read is the running write; anything queued behind it (a save) or typed meanwhile wins
            if (dirty || writes.waiting() || loading.get()) {
                recheckWhenSaved = true;
            } else if (!showing(fresh)) {
                apply(fresh);
                status.set("Updated from the workspace " + LocalTime.now(context.workspace().clock()).format(TIME)
                        + " (changed elsewhere).");
            }
        }, failure -> LOG.warn("Could not re-read the readiness assessments: {}", failure.getMessage()));
    }

    /** Nothing typed waits to be saved and no write or load runs (FX thread). */
    private boolean idle() {
        return !dirty && !writes.busy() && !loading.get();
    }

    /** True when {@code fresh} is what the screen shows (ignoring when it was saved). */
    private boolean showing(Loaded fresh) {
        Optional<Assessment> shown = onScreen();
        Assessment stored = fresh.snapshot() == null ? null : fresh.snapshot().assessment();
        boolean same = shown.isEmpty() ? stored == null : stored != null && sameContent(shown.get(), stored);
        return same && fresh.thresholds().equals(thresholds) && sameHistory(fresh.history())
                && (stored == null || (fresh.snapshot().checklist().equals(checklist)
                && fresh.snapshot().trend().equals(trend)));
    }

    private boolean sameHistory(List<HistoryEntry> fresh) {
        if (fresh.size() != history.size()) {
            return false;
        }
        for (int i = 0; i < fresh.size(); i++) {
            if (!sameContent(fresh.get(i).assessment(), history.get(i).assessment())) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameContent(Assessment a, Assessment b) {
        return a.id() == b.id() && a.status() == b.status() && a.subject().equals(b.subject())
                && java.util.Objects.equals(a.assessedOn(), b.assessedOn()) && a.assessor().equals(b.assessor())
                && a.scores().equals(b.scores());
    }

    /** Re-reads what Arbiter records per dimension (off the FX thread); the scores stay the person's. */
    public void refreshRecorded() {
        dev.arbiter.core.Workspace ws = context.workspace();
        context.background().run(() -> dev.arbiter.core.readiness.ReadinessEvidence.gather(ws.exercises(),
                ws.vendorOverview()),
                found -> rows.forEach(r -> r.evidence.set(String.join("\n", found.of(r.dimension)))),
                failure -> LOG.warn("Could not read the recorded evidence: {}", failure.getMessage()));
    }

    // --- properties

    public List<DimensionRow> rows() { return rows; }
    public ObservableList<HistoryEntry> history() { return history; }
    /** The subject's completed assessments, oldest first. */
    public ObservableList<HistoryEntry> trend() { return trend; }
    public ObservableList<Recommendation> nextSteps() { return nextSteps; }
    public ObservableList<ChecklistItem> checklist() { return checklist; }
    public StringProperty subjectProperty() { return subject; }
    public StringProperty assessorProperty() { return assessor; }
    public ObjectProperty<LocalDate> assessedOnProperty() { return assessedOn; }
    /** The assessment on screen as last loaded (id, status, completion); null when there is none. */
    public ReadOnlyObjectProperty<Assessment> loadedProperty() { return loaded.getReadOnlyProperty(); }
    /** True for a draft: completed assessments are read-only. */
    public ReadOnlyBooleanProperty editableProperty() { return editable.getReadOnlyProperty(); }
    /** The live verdict of what is on screen. */
    public ReadOnlyObjectProperty<Verdict> verdictProperty() { return verdict.getReadOnlyProperty(); }
    /** The subject's previous completed assessment, for the radar and the changes. */
    public ReadOnlyObjectProperty<Assessment> previousProperty() { return previous.getReadOnlyProperty(); }
    public ReadOnlyStringProperty comparisonTextProperty() { return comparisonText.getReadOnlyProperty(); }
    /** Why the draft cannot be completed yet; empty when it can. */
    public ReadOnlyStringProperty completionProblemsProperty() { return completionProblems.getReadOnlyProperty(); }
    /** "All changes saved 12:03:04", "Saving…", or what went wrong. */
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty statusIsProblemProperty() { return statusIsProblem.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty loadingProperty() { return loading.getReadOnlyProperty(); }
    /** False while an edit waits for its autosave or any write is still running. */
    public ReadOnlyBooleanProperty allSavedProperty() { return allSaved.getReadOnlyProperty(); }
    public ReadinessThresholds thresholds() { return thresholds; }

    /** Where failures of commands are shown (the view sets a dialog); autosave problems go to the status. */
    public void setErrorHandler(BiConsumer<String, Throwable> handler) {
        this.errors = handler;
    }

    // --- loading

    /** Reloads the history and shows the assessment on screen again (or the most relevant one). */
    public void refresh() {
        refreshRecorded();
        Assessment current = loaded.get();
        load(current == null ? null : current.id());
    }

    /** Shows assessment {@code id}; saves pending edits of the one on screen first. */
    public void select(long id) {
        Assessment current = loaded.get();
        if (current != null && current.id() == id) {
            return;
        }
        flush();
        load(id);
    }

    private void load(Long wanted) {
        loading.set(true);
        writes.submit(() -> () -> read(wanted), this::apply, failure -> {
            loading.set(false);
            errors.accept("Could not load the readiness assessments", failure);
        });
    }

    /** Reads assessment {@code wanted} (or the default one when it is null or gone) with the history (worker). */
    private Loaded read(Long wanted) {
        ReadinessThresholds now = readiness.thresholds();
        List<HistoryEntry> all = readiness.history();
        Long id = wanted != null && all.stream().anyMatch(h -> h.assessment().id() == wanted) ? wanted
                : defaultSelection(all);
        return new Loaded(now, all, id == null ? null : readiness.snapshot(id),
                dev.arbiter.core.readiness.ReadinessEvidence.gather(context.workspace().exercises(),
                context.workspace().vendorOverview()));
    }

    private record Loaded(ReadinessThresholds thresholds, List<HistoryEntry> history, ReadinessSnapshot snapshot,
                          dev.arbiter.core.readiness.ReadinessEvidence evidence) {
    }

    /** The newest draft (work in progress), else the newest completed assessment. */
    private static Long defaultSelection(List<HistoryEntry> all) {
        return all.stream().map(HistoryEntry::assessment).filter(a -> !a.isCompleted()).findFirst()
                .or(() -> all.stream().map(HistoryEntry::assessment).findFirst())
                .map(Assessment::id).orElse(null);
    }

    private void apply(Loaded result) {
        thresholds = result.thresholds();
        history.setAll(result.history());
        for (DimensionRow row : rows) {
            row.evidence.set(String.join("\n", result.evidence().of(row.dimension)));
        }
        applySnapshot(result.snapshot());
        loading.set(false);
    }

    private void applySnapshot(ReadinessSnapshot snapshot) {
        applying = true;
        try {
            if (snapshot == null) {
                loaded.set(null);
                editable.set(false);
                subject.set("");
                assessor.set("");
                assessedOn.set(null);
                rows.forEach(r -> {
                    r.score.set(0);
                    r.notes.set("");
                });
                previous.set(null);
                trend.clear();
                checklist.clear();
            } else {
                Assessment a = snapshot.assessment();
                loaded.set(a);
                editable.set(!a.isCompleted());
                subject.set(a.subject());
                assessor.set(a.assessor());
                assessedOn.set(a.assessedOn());
                for (DimensionRow row : rows) {
                    DimensionScore s = a.score(row.dimension);
                    row.score.set(s.score() == null ? 0 : s.score());
                    row.notes.set(s.notes());
                }
                previous.set(snapshot.comparison().map(Comparison::previous).orElse(null));
                trend.setAll(snapshot.trend());
                checklist.setAll(snapshot.checklist());
            }
            dirty = false;
        } finally {
            applying = false;
        }
        recompute();
        status.set(snapshot == null || snapshot.assessment().isCompleted() ? "" : "Draft: every edit is saved.");
        statusIsProblem.set(false);
    }

    // --- live scoring and autosave

    private void edited() {
        if (applying) {
            return;
        }
        recompute();
        if (editable.get()) {
            dirty = true;
            status.set("Editing…");
            statusIsProblem.set(false);
            autosave.trigger();
            updateSaved();
        }
    }

    private void updateSaved() {
        allSaved.set(!dirty && !writes.busy());
        if (recheckWhenSaved && allSaved.get()) {
            recheckWhenSaved = false;
            followOthers();
        }
    }

    /** The assessment as it stands on screen. */
    private Optional<Assessment> onScreen() {
        Assessment base = loaded.get();
        if (base == null) {
            return Optional.empty();
        }
        Assessment a = base.withHeader(subject.get(), assessedOn.get() == null ? base.assessedOn() : assessedOn.get(),
                assessor.get());
        for (DimensionRow r : rows) {
            a = a.withScore(r.dimension, r.scoreOrNull()).withNotes(r.dimension, r.notes.get());
        }
        return Optional.of(a);
    }

    private void recompute() {
        Optional<Assessment> current = onScreen();
        if (current.isEmpty()) {
            verdict.set(null);
            nextSteps.clear();
            completionProblems.set("");
            comparisonText.set("");
            rows.forEach(r -> {
                r.change.set("");
                r.direction.set(DimensionChange.Direction.NOT_COMPARABLE);
            });
            return;
        }
        Assessment a = current.get();
        ReadinessThresholds judgedWith = a.thresholds() != null ? a.thresholds() : thresholds;
        verdict.set(Verdict.of(a, judgedWith));
        nextSteps.setAll(readiness.guide().nextSteps(a, new ReadinessThresholds(judgedWith.readyMinimum(),
                judgedWith.warningScore(), thresholds.weakScore())));
        completionProblems.set(a.isCompleted() ? "" : String.join("; ", Readiness.completionProblems(a)));
        Assessment prev = previous.get();
        if (prev == null) {
            comparisonText.set("No earlier completed assessment of this organisation or unit.");
            rows.forEach(r -> {
                r.change.set("");
                r.direction.set(DimensionChange.Direction.NOT_COMPARABLE);
            });
            return;
        }
        Comparison c = Comparison.between(prev, a);
        for (DimensionRow r : rows) {
            DimensionChange change = c.change(r.dimension);
            r.direction.set(change.direction());
            r.change.set(change.direction() == DimensionChange.Direction.NOT_COMPARABLE ? ""
                    : change.deltaText() + " vs. previous");
        }
        int delta = a.total() - prev.total();
        comparisonText.set("Since " + prev.assessedOn() + " (" + prev.total() + "/30): "
                + (delta > 0 ? "+" + delta : delta < 0 ? "−" + (-delta) : "±0")
                + (c.improved().isEmpty() ? "" : " · improved " + titles(c.improved()))
                + (c.fellBack().isEmpty() ? "" : " · fell back " + titles(c.fellBack())));
    }

    private static String titles(List<Dimension> dimensions) {
        return String.join(", ", dimensions.stream().map(Dimension::title).toList());
    }

    /** Saves pending edits now instead of after the debounce delay. */
    public void flush() {
        if (dirty) {
            autosave.cancel();
            save();
        }
    }

    private void save() {
        if (!dirty || !editable.get()) {
            return;
        }
        dirty = false;
        status.set("Saving…");
        writes.submit(() -> {
            Assessment draft = onScreen().orElseThrow();
            return () -> readiness.saveDraft(draft);
        }, saved -> {
            if (!dirty) {
                status.set("All changes saved " + LocalTime.now(context.workspace().clock()).format(TIME));
                statusIsProblem.set(false);
            }
            replaceInHistory(saved);
        }, failure -> {
            dirty = true;
            updateSaved();
            status.set("Not saved: " + dev.arbiter.desktop.common.Dialogs.messageOf(failure));
            statusIsProblem.set(true);
        });
    }

    private void replaceInHistory(Assessment saved) {
        for (int i = 0; i < history.size(); i++) {
            if (history.get(i).assessment().id() == saved.id()) {
                history.set(i, new HistoryEntry(saved, Verdict.of(saved, thresholds)));
            }
        }
    }

    /** Sets a dimension's score from the keyboard or a click (ignored when read-only). */
    public void setScore(Dimension dimension, int score) {
        if (editable.get() && score >= 0 && score <= 5) {
            rows.get(dimension.ordinal()).score.set(score);
        }
    }

    // --- commands

    /** Starts a new draft for the organisation on screen (or a placeholder name), today, assessed by the user. */
    public void startNew() {
        flush();
        // one draft at a time: a second would silently split the work, so the existing draft opens instead
        java.util.Optional<Assessment> draft = history.stream().map(HistoryEntry::assessment)
                .filter(a -> !a.isCompleted()).findFirst();
        if (draft.isPresent()) {
            Assessment open = draft.get();
            if (loaded.get() == null || loaded.get().id() != open.id()) {
                load(open.id());
            }
            status.set("A draft is open: this one (" + open.assessedOn() + "). Complete or discard it to start "
                    + "another.");
            return;
        }
        String subjectNow = subject.get() == null || subject.get().isBlank() ? "My organisation" : subject.get();
        command("Could not start an assessment", () -> () -> {
            String actor = context.actor();
            return readiness.start(subjectNow, null, actor, actor);
        }, a -> load(a.id()));
    }

    /** Starts the next assessment as a copy of the one on screen. */
    public void copyToNew() {
        Assessment from = loaded.get();
        if (from == null) {
            return;
        }
        flush();
        command("Could not copy the assessment", () -> () -> {
            String actor = context.actor();
            return readiness.copy(from.id(), null, actor, actor);
        }, a -> load(a.id()));
    }

    /** Completes the draft on screen: it becomes history (audited) and read-only. */
    public void complete() {
        Assessment draft = loaded.get();
        if (draft == null || draft.isCompleted()) {
            return;
        }
        flush();
        command("Could not complete the assessment", () -> () -> readiness.complete(draft.id(), context.actor()),
                a -> load(a.id()));
    }

    /** Deletes the draft on screen. */
    public void discard() {
        Assessment draft = loaded.get();
        if (draft == null || draft.isCompleted()) {
            return;
        }
        autosave.cancel();
        dirty = false;
        updateSaved();
        command("Could not discard the draft", () -> () -> {
            readiness.discardDraft(draft.id(), context.actor());
            return draft;
        }, a -> {
            loaded.set(null);
            load(null);
        });
    }

    /** Puts a recommended step on the checklist of the assessment on screen. */
    public void track(Recommendation step) {
        Assessment a = loaded.get();
        if (a == null) {
            return;
        }
        command("Could not track the step", () -> () -> readiness.track(a.id(), step.step().key(), "",
                context.actor()), item -> reloadChecklist(a.id()));
    }

    public void setDone(ChecklistItem item, boolean done) {
        command("Could not update the checklist", () -> () -> readiness.setDone(item.id(), done, context.actor()),
                changed -> reloadChecklist(item.assessmentId()));
    }

    /** Changes an item's owner and due date. */
    public void plan(ChecklistItem item, String owner, LocalDate due) {
        if (item.owner().equals(owner == null ? "" : owner.strip()) && java.util.Objects.equals(item.dueOn(), due)) {
            return;
        }
        command("Could not update the checklist", () -> () -> readiness.plan(item.id(), owner, due),
                changed -> reloadChecklist(item.assessmentId()));
    }

    public void untrack(ChecklistItem item) {
        command("Could not remove the step", () -> () -> {
            readiness.untrack(item.id(), context.actor());
            return item;
        }, removed -> reloadChecklist(item.assessmentId()));
    }

    private void reloadChecklist(long assessmentId) {
        command("Could not load the checklist", () -> () -> readiness.checklist(assessmentId), items -> {
            Assessment a = loaded.get();
            if (a != null && a.id() == assessmentId) {
                checklist.setAll(items);
            }
        });
    }

    /** Writes the PDF of the assessment on screen (edits saved first); {@code done} gets the file. */
    public void exportPdf(Path file, Consumer<Path> done) {
        Assessment a = loaded.get();
        if (a == null) {
            return;
        }
        flush();
        status.set("Exporting " + file.getFileName() + "…");
        command("Could not export the PDF", () -> () -> {
            ReadinessReport.export(readiness, a.id(), context.workspace().clock().instant(), file,
                    dev.arbiter.core.readiness.ReadinessEvidence.gather(context.workspace().exercises(),
                    context.workspace().vendorOverview()));
            return file;
        }, written -> {
            status.set("Exported " + written.toAbsolutePath());
            statusIsProblem.set(false);
            done.accept(written);
        });
    }

    private <T> void command(String title, java.util.function.Supplier<Callable<T>> work, Consumer<T> onSuccess) {
        writes.submit(work, onSuccess, failure -> {
            status.set(title + ": " + dev.arbiter.desktop.common.Dialogs.messageOf(failure));
            statusIsProblem.set(true);
            errors.accept(title, failure);
        });
    }

    /** Suggested PDF file name: "readiness-northwind-financial-group-2026-03-16.pdf". */
    public String suggestedFileName() {
        Assessment a = loaded.get();
        String slug = a == null ? "assessment" : a.subject().toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("(^-|-$)", "");
        return "readiness-" + (slug.isEmpty() ? "assessment" : slug) + (a == null ? "" : "-" + a.assessedOn())
                + (a != null && a.status() == AssessmentStatus.DRAFT ? "-draft" : "") + ".pdf";
    }
}
