package dev.arbiter.desktop.assessment;

import dev.arbiter.core.assessment.ApprovalRules;
import dev.arbiter.core.assessment.Assessment;
import dev.arbiter.core.assessment.AssessmentSummary;
import dev.arbiter.core.assessment.AssessmentContent;
import dev.arbiter.core.assessment.AssessmentService;
import dev.arbiter.core.assessment.DataClass;
import dev.arbiter.core.assessment.DataClassification;
import dev.arbiter.core.assessment.FieldChange;
import dev.arbiter.core.assessment.Regulation;
import dev.arbiter.core.assessment.ReviewCadence;
import dev.arbiter.core.assessment.ReviewKind;
import dev.arbiter.core.assessment.Risk;
import dev.arbiter.core.assessment.RiskBand;
import dev.arbiter.core.assessment.SystemOverview;
import dev.arbiter.core.assessment.Verdict;
import dev.arbiter.core.assessment.VersionSummary;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.Dialogs;
import dev.arbiter.report.assessment.AssessmentReport;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import java.time.Duration;
import dev.arbiter.desktop.common.Debounce;

/**
 * The editor of one assessment version: the form's properties, the live
 * submission and approval checks (core's {@link ApprovalRules}), and the
 * workflow commands. Every edit of a draft is saved after a short pause
 * (autosave); saves run one at a time, off the JavaFX thread, so the newest
 * content always lands last.
 */
public final class AssessmentEditorViewModel {

    /** The pause after the last keystroke before a draft is saved. */
    static final Duration AUTOSAVE_DELAY = Duration.ofMillis(400);
    private static final DateTimeFormatter SAVED_AT = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final DesktopContext context;
    private final AssessmentService service;

    private final ReadOnlyObjectWrapper<Assessment> assessment = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper latest = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper editable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<RiskBand> tolerance = new ReadOnlyObjectWrapper<>(ApprovalRules.DEFAULT_TOLERANCE);
    private final ReadOnlyStringWrapper saveState = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();

    private final StringProperty systemName = new SimpleStringProperty("");
    private final StringProperty businessPurpose = new SimpleStringProperty("");
    private final ObjectProperty<Integer> agentCount = new SimpleObjectProperty<>(1);
    private final StringProperty agentIds = new SimpleStringProperty("");
    private final StringProperty externalTools = new SimpleStringProperty("");
    private final StringProperty owner = new SimpleStringProperty("");
    private final Map<DataClass, BooleanProperty> dataClasses = new EnumMap<>(DataClass.class);
    private final Map<Regulation, BooleanProperty> regulations = new EnumMap<>(Regulation.class);
    private final StringProperty residency = new SimpleStringProperty("");
    private final StringProperty retention = new SimpleStringProperty("");
    private final ObjectProperty<ReviewCadence> cadence = new SimpleObjectProperty<>(ReviewCadence.QUARTERLY);
    private final ObservableList<RiskRow> risks = FXCollections.observableArrayList(RiskRow::editables);

    private final ReadOnlyListWrapper<String> problemsBeforeReview =
            new ReadOnlyListWrapper<>(FXCollections.observableArrayList());
    private final ReadOnlyListWrapper<String> blockersToApproval =
            new ReadOnlyListWrapper<>(FXCollections.observableArrayList());
    private final ReadOnlyListWrapper<Risk> aboveTolerance =
            new ReadOnlyListWrapper<>(FXCollections.observableArrayList());
    private final ReadOnlyListWrapper<HeatMapPoint> heatMapPoints =
            new ReadOnlyListWrapper<>(FXCollections.observableArrayList());
    private final ReadOnlyListWrapper<VersionSummary> versions =
            new ReadOnlyListWrapper<>(FXCollections.observableArrayList());
    private final ReadOnlyListWrapper<FieldChange> changes =
            new ReadOnlyListWrapper<>(FXCollections.observableArrayList());

    private final Debounce autosave;
    private boolean populating;
    private boolean dirty;
    private boolean saving;
    /** Edits made while a save runs, written right after it (only the newest content is kept). */
    private Draft queued;
    /** A workflow step asked for while a save was running: it runs once the saves are done. */
    private Runnable afterSaves;
    private Consumer<Throwable> onFailure = e -> { };
    private Runnable onChanged = () -> { };

    public AssessmentEditorViewModel(DesktopContext context) {
        this.context = context;
        this.autosave = new Debounce(context.ui(), AUTOSAVE_DELAY, this::saveNow);
        this.service = context.workspace().assessments();
        for (DataClass c : DataClass.values()) {
            BooleanProperty ticked = new SimpleBooleanProperty();
            // Ticking a data class ticks the regulations it suggests; the user may untick them.
            ticked.addListener((obs, was, now) -> {
                if (now && !populating) {
                    c.suggests().forEach(r -> regulations.get(r).set(true));
                }
            });
            dataClasses.put(c, ticked);
        }
        for (Regulation r : Regulation.values()) {
            regulations.put(r, new SimpleBooleanProperty());
        }
        InvalidationListener edited = obs -> edited();
        List.<Observable>of(systemName, businessPurpose, agentCount, agentIds, externalTools, owner, residency, retention, cadence)
                .forEach(p -> p.addListener(edited));
        dataClasses.values().forEach(p -> p.addListener(edited));
        regulations.values().forEach(p -> p.addListener(edited));
        risks.addListener(edited);
    }

    // ---- properties

    public ReadOnlyObjectProperty<Assessment> assessmentProperty() { return assessment.getReadOnlyProperty(); }
    /** True when the newest version is shown (older versions are history, read-only). */
    public ReadOnlyBooleanProperty latestProperty() { return latest.getReadOnlyProperty(); }
    /** True while the shown version is a draft that may be edited. */
    public ReadOnlyBooleanProperty editableProperty() { return editable.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<RiskBand> toleranceProperty() { return tolerance.getReadOnlyProperty(); }
    /** "Saved 14:02:11", "Saving…", or why the last save failed. */
    public ReadOnlyStringProperty saveStateProperty() { return saveState.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public StringProperty systemNameProperty() { return systemName; }
    public StringProperty businessPurposeProperty() { return businessPurpose; }
    public ObjectProperty<Integer> agentCountProperty() { return agentCount; }
    /** Agent ids separated by commas or new lines. */
    public StringProperty agentIdsProperty() { return agentIds; }
    /** External tools and APIs, one a line (or separated by commas). */
    public StringProperty externalToolsProperty() { return externalTools; }
    public StringProperty ownerProperty() { return owner; }
    public BooleanProperty dataClassProperty(DataClass c) { return dataClasses.get(c); }
    public BooleanProperty regulationProperty(Regulation r) { return regulations.get(r); }
    public StringProperty residencyProperty() { return residency; }
    public StringProperty retentionProperty() { return retention; }
    public ObjectProperty<ReviewCadence> cadenceProperty() { return cadence; }
    public ObservableList<RiskRow> risks() { return risks; }
    public ReadOnlyListProperty<String> problemsBeforeReviewProperty() { return problemsBeforeReview.getReadOnlyProperty(); }
    public ReadOnlyListProperty<String> blockersToApprovalProperty() { return blockersToApproval.getReadOnlyProperty(); }
    public ReadOnlyListProperty<Risk> aboveToleranceProperty() { return aboveTolerance.getReadOnlyProperty(); }
    /** Where each risk sits on the heat map, inherent and residual, numbered as in the table. */
    public ReadOnlyListProperty<HeatMapPoint> heatMapPointsProperty() { return heatMapPoints.getReadOnlyProperty(); }
    public ReadOnlyListProperty<VersionSummary> versionsProperty() { return versions.getReadOnlyProperty(); }
    public ReadOnlyListProperty<FieldChange> changesProperty() { return changes.getReadOnlyProperty(); }

    /** Where failures of commands go (the view shows them in a dialog). */
    public void setOnFailure(Consumer<Throwable> handler) { onFailure = handler; }
    /** Called after anything was saved, so that the list can refresh. */
    public void setOnChanged(Runnable handler) { onChanged = handler; }

    /** Regulations the ticked data classes suggest (shown as hints next to the boxes). */
    public List<Regulation> suggestedRegulations() {
        return List.copyOf(DataClass.suggestionsFor(dataClasses.entrySet().stream()
                .filter(e -> e.getValue().get()).map(Map.Entry::getKey).toList()));
    }

    // ---- loading

    /** Shows the newest version of an assessment (saving pending edits of the one shown first). */
    public void load(long id) {
        load(id, null);
    }

    public void load(long id, Integer version) {
        saveNow();
        run(() -> new Loaded(version == null ? service.get(id) : service.get(id, version), service.versions(id),
                service.tolerance()), this::show);
    }

    /**
     * The list changed in another process (the CLI, a second desktop): the shown assessment follows it.
     * Gone from the list → nothing is shown; changed there (another version, status or save) → read
     * again, but only while nothing typed here is unsaved, and never to replace an older version the user
     * opened on purpose. Typed text is never overwritten: a read that finishes after new typing is dropped.
     *
     * @param listed the shown assessment's row in the refreshed list; null when it left the list
     */
    public void follow(AssessmentSummary listed) {
        Assessment shown = assessment.get();
        if (shown == null || !latest.get()) {
            return;
        }
        if (listed == null) {
            clear();
            return;
        }
        boolean changed = listed.version() != shown.version() || listed.status() != shown.status()
                || !Objects.equals(listed.updatedAt(), shown.updatedAt());
        if (!changed || dirty) {
            return;
        }
        long id = shown.id();
        context.background().run(() -> new Loaded(service.get(id), service.versions(id), service.tolerance()),
                loaded -> {
                    Assessment now = assessment.get();
                    if (!dirty && now != null && now.id() == id) {
                        show(loaded);
                    }
                }, onFailure);
    }

    /** Nothing selected. */
    public void clear() {
        saveNow();
        populating = true;
        assessment.set(null);
        latest.set(false);
        editable.set(false);
        risks.clear();
        versions.clear();
        changes.clear();
        populating = false;
        recheck();
    }

    private record Loaded(Assessment assessment, List<VersionSummary> versions, RiskBand tolerance) {
    }

    private void show(Loaded loaded) {
        Assessment a = loaded.assessment();
        populating = true;
        try {
            tolerance.set(loaded.tolerance());
            versions.setAll(loaded.versions());
            boolean newest = loaded.versions().get(loaded.versions().size() - 1).version() == a.version();
            assessment.set(a);
            latest.set(newest);
            editable.set(newest && a.isEditable());
            AssessmentContent c = a.content();
            systemName.set(c.overview().systemName());
            businessPurpose.set(c.overview().businessPurpose());
            agentCount.set(c.overview().agentCount());
            agentIds.set(String.join(", ", c.overview().agentIds()));
            externalTools.set(String.join("\n", c.overview().externalTools()));
            owner.set(c.overview().owner());
            dataClasses.forEach((k, p) -> p.set(c.data().classes().contains(k)));
            regulations.forEach((k, p) -> p.set(c.data().regulations().contains(k)));
            residency.set(c.data().residency());
            retention.set(c.data().retention());
            cadence.set(c.cadence());
            risks.setAll(c.risks().stream().map(RiskRow::new).toList());
            dirty = false;
            saveState.set(a.isEditable() ? "All changes saved" : "");
        } finally {
            populating = false;
        }
        recheck();
        loadChanges(a);
    }

    private void loadChanges(Assessment a) {
        context.background().run(() -> service.changes(a.id(), a.version()), changes::setAll, onFailure);
    }

    // ---- editing

    /** The form as core content. */
    public AssessmentContent content() {
        return new AssessmentContent(
                new SystemOverview(systemName.get(), businessPurpose.get(),
                        agentCount.get() == null ? 0 : agentCount.get(), split(agentIds.get()),
                        split(externalTools.get()), owner.get()),
                new DataClassification(ticked(dataClasses), ticked(regulations), residency.get(), retention.get()),
                risks.stream().map(RiskRow::toRisk).toList(), cadence.get());
    }

    private static List<String> split(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("[,\\n]")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    private static <K extends Enum<K>> Set<K> ticked(Map<K, BooleanProperty> boxes) {
        Set<K> out = new HashSet<>();
        boxes.forEach((k, p) -> {
            if (p.get()) {
                out.add(k);
            }
        });
        return out;
    }

    /** Appends a user-defined risk category. */
    public RiskRow addRisk(String category) {
        RiskRow row = new RiskRow(Risk.unscored(category, false));
        risks.add(row);
        return row;
    }

    /** Removes a user-added risk; the guide's six stay (score one 1 x 1 when it does not apply). */
    public void removeRisk(RiskRow row) {
        if (!row.fromGuide()) {
            risks.remove(row);
        }
    }

    private void edited() {
        if (populating) {
            return;
        }
        recheck();
        if (editable.get()) {
            dirty = true;
            saveState.set("Editing\u2026");
            autosave.trigger();
        }
    }

    /** Re-runs core's checks on the form as it is now (pure, no I/O). */
    private void recheck() {
        Assessment a = assessment.get();
        if (a == null) {
            problemsBeforeReview.clear();
            blockersToApproval.clear();
            aboveTolerance.clear();
            heatMapPoints.clear();
            return;
        }
        ApprovalRules rules = new ApprovalRules(tolerance.get());
        AssessmentContent content = editable.get() ? content() : a.content();
        problemsBeforeReview.setAll(rules.problemsBeforeReview(content));
        aboveTolerance.setAll(rules.aboveTolerance(content));
        blockersToApproval.setAll(rules.blockersToApproval(a));
        List<HeatMapPoint> points = new ArrayList<>();
        for (int n = 0; n < content.risks().size(); n++) {
            Risk risk = content.risks().get(n);
            if (risk.inherent() != null) {
                points.add(new HeatMapPoint(n + 1, risk.category(), risk.inherent(), false));
            }
            if (risk.residual() != null) {
                points.add(new HeatMapPoint(n + 1, risk.category(), risk.residual(), true));
            }
        }
        if (!points.equals(heatMapPoints)) {
            heatMapPoints.setAll(points);
        }
    }

    /** The content of one draft version at one moment, waiting to be written. */
    private record Draft(long id, int version, AssessmentContent content) {
    }

    private record Saved(Assessment assessment, List<FieldChange> changes) {
    }

    /**
     * Saves pending edits now (the autosave timer calls this; so does switching
     * assessments). One save runs at a time; edits made meanwhile wait as one
     * queued draft, written as soon as the running save returns, so the newest
     * content always lands last, even after the user has moved to another assessment.
     */
    public void saveNow() {
        autosave.cancel();
        Assessment a = assessment.get();
        if (!dirty || a == null || !editable.get()) {
            return;
        }
        Draft draft = new Draft(a.id(), a.version(), content());
        dirty = false;
        if (saving) {
            queued = draft;
        } else {
            write(draft);
        }
    }


    private void write(Draft draft) {
        saving = true;
        saveState.set("Saving\u2026");
        context.background().run(() -> {
            Assessment saved = service.saveDraft(draft.id(), draft.version(), draft.content(), context.actor());
            return new Saved(saved, service.changes(draft.id(), draft.version()));
        }, saved -> {
            saving = false;
            if (shows(draft)) {
                assessment.set(saved.assessment());
                changes.setAll(saved.changes());
                recheck();
                if (!dirty && queued == null) {
                    saveState.set("Saved " + LocalTime.now(context.workspace().clock()).truncatedTo(ChronoUnit.SECONDS).format(SAVED_AT));
                }
            }
            writeQueued();
            onChanged.run();
        }, failure -> {
            saving = false;
            if (shows(draft)) {
                dirty = true;
                saveState.set("Not saved: " + Dialogs.messageOf(failure));
            }
            writeQueued();
            onFailure.accept(failure);
        });
    }

    private void writeQueued() {
        if (queued != null) {
            Draft next = queued;
            queued = null;
            write(next);
        } else if (afterSaves != null) {
            Runnable next = afterSaves;
            afterSaves = null;
            next.run();
        }
    }


    private boolean shows(Draft draft) {
        Assessment shown = assessment.get();
        return shown != null && shown.id() == draft.id() && shown.version() == draft.version();
    }

    /**
     * Saves pending edits before the window closes, waiting up to three
     * seconds for the transaction: the only time this screen waits on core.
     */
    public void saveBeforeExit() {
        autosave.cancel();
        Assessment a = assessment.get();
        List<Draft> pending = new ArrayList<>();
        if (queued != null) {
            pending.add(queued);
            queued = null;
        }
        if (dirty && a != null && editable.get()) {
            pending.add(new Draft(a.id(), a.version(), content()));
            dirty = false;
        }
        if (pending.isEmpty()) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        context.background().run(() -> {
            try {
                String actor = context.actor();
                for (Draft d : pending) {
                    service.saveDraft(d.id(), d.version(), d.content(), actor);
                }
                return pending.size();
            } finally {
                done.countDown();
            }
        }, n -> { }, failure -> { });
        try {
            done.await(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- workflow commands

    public void submit() {
        step(a -> service.submit(a.id(), context.actor()));
    }

    public void returnToDraft(String reason) {
        step(a -> service.returnToDraft(a.id(), reason, context.actor()));
    }

    public void recordReview(ReviewKind kind, Verdict verdict, String reviewer, String comment) {
        step(a -> service.recordReview(a.id(), kind, verdict, reviewer, comment, context.actor()));
    }

    public void acceptException(String category, String justification) {
        step(a -> service.acceptException(a.id(), category, justification, context.actor()));
    }

    public void approve(String comment) {
        step(a -> service.approve(a.id(), comment, context.actor()));
    }

    public void reject(String reason) {
        step(a -> service.reject(a.id(), reason, context.actor()));
    }

    public void startNewVersion() {
        step(a -> service.startNewVersion(a.id(), context.actor()));
    }

    /**
     * Discards the shown draft, saving pending edits first so that a restore brings back everything
     * typed; the editor is cleared and {@code discarded} gets the draft as it was discarded.
     */
    public void discardDraft(Consumer<Assessment> discarded) {
        afterPendingEdits(() -> discardDraft(discarded), a -> service.discard(a.id(), context.actor()), gone -> {
            clear();
            onChanged.run();
            discarded.accept(gone);
        });
    }

    /** Writes the shown version's PDF report; {@code done} gets the file. */
    public void exportPdf(Path file, Consumer<Path> done) {
        Assessment a = assessment.get();
        if (a == null) {
            return;
        }
        run(() -> {
            AssessmentReport.export(service, a.id(), a.version(), context.workspace().clock().instant(), file);
            return file;
        }, done);
    }

    /** Saves pending edits, runs one workflow step on the shown assessment, then shows the result. */
    private void step(Function<Assessment, Assessment> command) {
        afterPendingEdits(() -> step(command), a -> {
            Assessment after = command.apply(a);
            return new Loaded(after, service.versions(a.id()), service.tolerance());
        }, loaded -> {
            show(loaded);
            onChanged.run();
        });
    }

    /**
     * Runs {@code command} on the shown assessment after its unsaved edits are saved, in the same background
     * task; while an autosave is under way, {@code retry} runs once it is done. Nothing shown: nothing runs.
     * A failure leaves the edits marked unsaved, so nothing typed is lost.
     */
    private <T> void afterPendingEdits(Runnable retry, Function<Assessment, T> command, Consumer<T> onSuccess) {
        Assessment a = assessment.get();
        if (a == null) {
            return;
        }
        if (saving) {
            afterSaves = retry;
            return;
        }
        boolean pending = dirty;
        AssessmentContent content = pending ? content() : null;
        autosave.cancel();
        dirty = false;
        run(() -> {
            if (pending) {
                service.saveDraft(a.id(), a.version(), content, context.actor());
            }
            return command.apply(a);
        }, onSuccess, () -> dirty |= pending);
    }

    private <T> void run(Callable<T> work, Consumer<T> onSuccess) {
        run(work, onSuccess, () -> { });
    }

    private <T> void run(Callable<T> work, Consumer<T> onSuccess, Runnable alsoOnFailure) {
        busy.set(true);
        context.background().run(work, result -> {
            busy.set(false);
            onSuccess.accept(result);
        }, failure -> {
            busy.set(false);
            alsoOnFailure.run();
            onFailure.accept(failure);
        });
    }
}
