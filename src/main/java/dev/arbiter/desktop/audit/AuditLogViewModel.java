package dev.arbiter.desktop.audit;

import dev.arbiter.core.audit.AuditAppended;
import dev.arbiter.core.audit.AuditJson;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.audit.ExportFormat;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.audit.VerificationResult;
import dev.arbiter.core.event.WorkspaceChanged;
import dev.arbiter.core.evidence.CheckpointSummary;
import dev.arbiter.core.evidence.CheckpointVerifier;
import dev.arbiter.core.evidence.Checkpoints;
import dev.arbiter.core.evidence.EvidenceBundle;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.FxTicker;
import dev.arbiter.desktop.common.UiThread;
import java.time.Duration;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Audit Log screen's state: filters, the newest matching entries, the selected entry's JSON, verification of
 * the chain and of the newest signed checkpoint, export, and evidence bundles (issue 18).
 */
public final class AuditLogViewModel {

    /** The table is virtualised; this bounds what is loaded into memory at once. */
    static final int PAGE = 5_000;
    static final long LIVE_INTERVAL_MS = 1_000;
    private static final DateTimeFormatter SIGNED_AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);

    private final DesktopContext context;
    private final ObservableList<LedgerEntry> entries = FXCollections.observableArrayList();
    private final ObservableList<String> agents = FXCollections.observableArrayList();
    private final ObservableList<String> events = FXCollections.observableArrayList();
    private final StringProperty agentFilter = new SimpleStringProperty();
    private final StringProperty eventFilter = new SimpleStringProperty();
    private final StringProperty textFilter = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> fromDate = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> toDate = new SimpleObjectProperty<>();
    private final ObjectProperty<LedgerEntry> selected = new SimpleObjectProperty<>();
    private final StringProperty detail = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("Loading…");
    private final DoubleProperty verifyProgress = new SimpleDoubleProperty(0);
    private final BooleanProperty verifying = new SimpleBooleanProperty();
    private final StringProperty verifyResult = new SimpleStringProperty("");
    private final BooleanProperty verifyFailed = new SimpleBooleanProperty();
    private final StringProperty checkpointInfo = new SimpleStringProperty("");
    private final BooleanProperty bundling = new SimpleBooleanProperty();
    private final DoubleProperty bundleProgress = new SimpleDoubleProperty(0);
    private final UiThread ui;
    private final AtomicBoolean loading = new AtomicBoolean();
    private final BooleanProperty loaded = new SimpleBooleanProperty();
    /** Set when the ledger changed while a reload ran: reload again once it is done. */
    private final AtomicBoolean stale = new AtomicBoolean();
    /** What the progress shows while the length of the work is not known yet (a spinning indicator). */
    public static final double INDETERMINATE = -1;

    private final FxTicker liveTicker;
    /** A busy gateway appends hundreds of entries a second: the live table follows at most once a second. */
    private boolean liveDelayed;
    private long lastLoadNanos;
    /** True while the screen is on show; hidden, it does not follow the ledger (showing it reloads). */
    private boolean live;
    private Consumer<VerificationResult> verificationListener = r -> { };
    /** The entries picked in the table (several, for an incident), by seq: a reload picks them again. */
    private java.util.Set<Long> picked = java.util.Set.of();
    private Consumer<List<LedgerEntry>> repick = entries -> { };

    public AuditLogViewModel(DesktopContext context) {
        this.context = context;
        this.ui = context.ui();
        this.liveTicker = new FxTicker(this::ledgerChanged, ui);
        this.lastLoadNanos = ui.nanoTime() - LIVE_INTERVAL_MS * 1_000_000;
        selected.addListener((o, old, entry) -> detail.set(entry == null ? "" : AuditJson.pretty(entry)));
        context.workspace().events().subscribe(AuditAppended.class, e -> liveTicker.mark());
        context.workspace().events().subscribe(WorkspaceChanged.class, e -> liveTicker.mark());
    }

    public ObservableList<LedgerEntry> entries() { return entries; }
    public ObservableList<String> agents() { return agents; }
    public ObservableList<String> eventTypes() { return events; }
    public StringProperty agentFilterProperty() { return agentFilter; }
    public StringProperty eventFilterProperty() { return eventFilter; }
    public StringProperty textFilterProperty() { return textFilter; }
    public ObjectProperty<LocalDate> fromDateProperty() { return fromDate; }
    public ObjectProperty<LocalDate> toDateProperty() { return toDate; }
    public ObjectProperty<LedgerEntry> selectedProperty() { return selected; }

    /** The view tells which entries are picked now (any number, in any order). */
    public void picked(java.util.Collection<LedgerEntry> now) {
        java.util.Set<Long> seqs = new java.util.HashSet<>();
        now.forEach(e -> seqs.add(e.seq()));
        picked = seqs;
    }

    /**
     * Called after each reload with the picked entries the new list still holds, so the view picks them again:
     * the list follows a live ledger about once a second, and a reviewer's selection must outlive that.
     */
    public void onRepick(Consumer<List<LedgerEntry>> view) {
        repick = view;
    }
    public StringProperty detailProperty() { return detail; }
    public StringProperty summaryProperty() { return summary; }
    public DoubleProperty verifyProgressProperty() { return verifyProgress; }
    public BooleanProperty verifyingProperty() { return verifying; }
    public StringProperty verifyResultProperty() { return verifyResult; }
    public BooleanProperty verifyFailedProperty() { return verifyFailed; }
    /** The newest signed checkpoint after a verify: size, time, signer; or why there is none. */
    public StringProperty checkpointInfoProperty() { return checkpointInfo; }
    public BooleanProperty bundlingProperty() { return bundling; }
    public DoubleProperty bundleProgressProperty() { return bundleProgress; }
    /** False until the first page has arrived (the table says "loading", not "empty"). */
    public BooleanProperty loadedProperty() { return loaded; }

    /** Told of every finished verification (the status bar shows it too). */
    public void onVerified(Consumer<VerificationResult> listener) {
        this.verificationListener = listener;
    }

    public AuditQuery query() {
        ZoneId zone = ZoneId.systemDefault();
        return new AuditQuery(
                fromDate.get() == null ? null : fromDate.get().atStartOfDay(zone).toInstant(),
                toDate.get() == null ? null : toDate.get().plusDays(1).atStartOfDay(zone).toInstant().minusMillis(1),
                agentFilter.get(), eventFilter.get(), textFilter.get());
    }

    public void clearFilters() {
        agentFilter.set(null);
        eventFilter.set(null);
        textFilter.set("");
        fromDate.set(null);
        toDate.set(null);
        refresh();
    }

    /** FX thread: whether the screen is on show (the view tells); it follows the ledger only then. */
    public void setLive(boolean onShow) {
        live = onShow;
    }

    /** FX thread: the ledger grew; reload now, or once the last reload is a second old. */
    private void ledgerChanged() {
        if (!live) {
            return;
        }
        long wait = LIVE_INTERVAL_MS - (ui.nanoTime() - lastLoadNanos) / 1_000_000;
        if (wait <= 0) {
            refresh();
        } else if (!liveDelayed) {
            liveDelayed = true;
            ui.after(Duration.ofMillis(wait), () -> {
                liveDelayed = false;
                refresh();
            });
        }
    }

    /** Reloads the newest matching entries; a reload already running reloads again when it is done. */
    public void refresh() {
        if (!loading.compareAndSet(false, true)) {
            stale.set(true);
            return;
        }
        lastLoadNanos = ui.nanoTime();
        AuditQuery query = query();
        var reader = context.workspace().auditReader();
        context.background().run(() -> new Page(reader.newest(query, PAGE), reader.count(query),
                        reader.distinct("agent_id"), reader.distinct("event")),
                page -> {
                    loading.set(false);
                    apply(page);
                    if (stale.getAndSet(false)) {
                        ledgerChanged();
                    }
                },
                failure -> {
                    loading.set(false);
                    summary.set("Could not read the ledger: " + failure.getMessage());
                });
    }

    private record Page(List<LedgerEntry> entries, long matching, List<String> agents, List<String> events) {
    }

    private void apply(Page page) {
        loaded.set(true);
        LedgerEntry keep = selected.get();
        java.util.Set<Long> pickedBefore = picked;
        entries.setAll(page.entries());
        repick.accept(page.entries().stream().filter(e -> pickedBefore.contains(e.seq())).toList());
        syncChoices(agents, page.agents());
        syncChoices(events, page.events());
        // the detail pane shows the selected entry only while the list still holds it (a filter, a prune)
        selected.set(keep == null ? null
                : page.entries().stream().filter(e -> e.seq() == keep.seq()).findFirst().orElse(null));
        summary.set(page.matching() == 0 ? "No entries match these filters."
                : page.matching() > page.entries().size()
                ? String.format("Showing the newest %,d of %,d matching entries", page.entries().size(), page.matching())
                : String.format("%,d matching entries", page.matching()));
    }

    private static void syncChoices(ObservableList<String> target, List<String> values) {
        if (!target.equals(values)) {
            target.setAll(values);
        }
    }

    /**
     * Verifies the hash chain, then the signed checkpoints against it (signatures by the workspace key, roots over
     * the entries as they are now, the log only grew), off the UI thread with progress. The result names the first
     * problem; {@link #checkpointInfoProperty()} shows the newest checkpoint (size, time, key).
     */
    public void verify() {
        verifying.set(true);
        verifyFailed.set(false);
        verifyProgress.set(INDETERMINATE);
        verifyResult.set("Verifying…");
        checkpointInfo.set("");
        var workspace = context.workspace();
        context.background().run(() -> {
                    VerificationResult chain = workspace.verifier().verify(
                            (done, total) -> ui.execute(() -> verifyProgress.set(total == 0 ? 1 : (double) done / total)),
                            () -> false);
                    CheckpointVerifier.Outcome signed = workspace.checkpointVerifier().verify();
                    Optional<CheckpointSummary> latest;
                    try {
                        latest = workspace.checkpoints().latest();
                    } catch (IllegalArgumentException unreadable) {
                        latest = Optional.empty();
                    }
                    return new Verified(chain, signed, latest);
                },
                verified -> {
                    verifying.set(false);
                    verifyProgress.set(1);
                    boolean intact = verified.chain().intact() && verified.signed().intact();
                    verifyFailed.set(!intact);
                    verifyResult.set(!verified.chain().intact() ? verified.chain().describe()
                            : !verified.signed().intact() ? "Signed checkpoint check FAILED: "
                            + verified.signed().problem().orElseThrow()
                            : verified.chain().describe() + " " + verified.signed().summary());
                    checkpointInfo.set(verified.latest().map(AuditLogViewModel::describe).orElse(
                            "No signed checkpoint yet: one is signed every " + Checkpoints.DEFAULT_EVERY_ENTRIES
                                    + " entries or hour, or when you export an evidence bundle."));
                    verificationListener.accept(verified.chain());
                },
                failure -> {
                    verifying.set(false);
                    verifyFailed.set(true);
                    verifyResult.set("Verification could not run: " + failure.getMessage());
                });
    }

    private record Verified(VerificationResult chain, CheckpointVerifier.Outcome signed,
                            Optional<CheckpointSummary> latest) {
    }

    /** "Checkpoint: 1,234 entries · signed 2026-11-30 21:05 UTC · key arbiter-ledger/…+1a2b3c4d". */
    static String describe(CheckpointSummary c) {
        return String.format("Checkpoint: %,d entries · signed %s · key %s", c.size(),
                SIGNED_AT.format(c.signedAt()), c.signers().isEmpty() ? "none" : String.join(", ", c.signers()));
    }

    /**
     * The file name the bundle export suggests: {@code arbiter-evidence-<from>-to-<to>.zip} with the date filters'
     * days, {@code start}/{@code today} where a filter is empty.
     */
    public String defaultBundleName(LocalDate today) {
        return "arbiter-evidence-" + (fromDate.get() == null ? "start" : fromDate.get().toString()) + "-to-"
                + (toDate.get() == null ? today.toString() : toDate.get().toString()) + ".zip";
    }

    /**
     * Writes an evidence bundle of every entry in the date filters' range (the other filters do not apply: a bundle
     * holds a contiguous part of the chain so that it verifies), off the UI thread with progress.
     *
     * @param onDone    a sentence saying what was written, on the UI thread
     * @param onFailure why nothing was written (no entry in the range, the file, the key), on the UI thread
     */
    public void exportBundle(Path file, Consumer<String> onDone, Consumer<Throwable> onFailure) {
        AuditQuery range = query();
        var workspace = context.workspace();
        bundling.set(true);
        bundleProgress.set(INDETERMINATE);
        context.background().run(() -> {
                    long[] seqs = workspace.auditReader().seqRange(range.from(), range.to()).orElseThrow(() ->
                            new IllegalArgumentException("No entry lies between the From and To dates: "
                                    + "widen them or clear them to bundle the whole ledger."));
                    return new EvidenceBundle(workspace.auditReader(), workspace.checkpoints()).write(seqs[0], seqs[1],
                            file, (done, total) -> ui.execute(() -> bundleProgress.set((double) done / total)));
                },
                written -> {
                    bundling.set(false);
                    bundleProgress.set(1);
                    onDone.accept(String.format("Wrote the evidence bundle of entries #%,d to #%,d (signed checkpoint "
                                    + "of %,d entries) to %s. An auditor verifies it with docs/verifier/verify.py "
                                    + "and your public key (arbiter audit key show).", written.fromSeq(),
                            written.toSeq(), written.checkpointSize(), written.file()));
                },
                failure -> {
                    bundling.set(false);
                    onFailure.accept(failure);
                });
    }

    /** Exports what the filters select; reports the outcome as a sentence. */
    public void export(Path file, Consumer<String> onDone, Consumer<Throwable> onFailure) {
        AuditQuery query = query();
        ExportFormat format = ExportFormat.fromFileName(file.getFileName().toString());
        context.background().run(() -> context.workspace().exporter().export(query, format, file),
                n -> onDone.accept(String.format("Exported %,d %s to %s", n, n == 1 ? "entry" : "entries", file)),
                onFailure);
    }

    /**
     * Opens an incident from entries picked in the table (issue 17): their seq range is frozen as evidence
     * (pinned against retention while the incident is open) and the entries are linked to it; the agents
     * named by the entries that are registered become the incident's agents.
     *
     * @param onDone gets the incident, on the FX thread; {@code onFailure} gets a refusal naming the field
     */
    public void openIncident(String title, dev.arbiter.core.incident.Severity severity, List<LedgerEntry> picked,
                             Consumer<dev.arbiter.core.incident.Incident> onDone, Consumer<Throwable> onFailure) {
        List<Long> seqs = picked.stream().map(LedgerEntry::seq).sorted().distinct().toList();
        List<String> agentIds = picked.stream().map(e -> e.entry().agentId()).filter(java.util.Objects::nonNull)
                .distinct().toList();
        if (seqs.isEmpty()) {
            onFailure.accept(new IllegalArgumentException("entries: select one or more audit entries first"));
            return;
        }
        String actor = context.actor();
        context.background().run(() -> {
            List<String> known = agentIds.stream().filter(a -> context.workspace().agents().find(a).isPresent())
                    .toList();
            return context.workspace().incidents().open(dev.arbiter.core.incident.NewIncident
                    .of(title, severity, known)
                    .withRange(new dev.arbiter.core.incident.LedgerRange(seqs.get(0), seqs.get(seqs.size() - 1)))
                    .withEntries(seqs), actor);
        }, onDone, onFailure);
    }
}
