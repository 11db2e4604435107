package dev.arbiter.desktop.policies;

import dev.arbiter.core.agent.AgentId;
import dev.arbiter.core.policy.PolicyRegistry;
import dev.arbiter.core.policy.PolicyVersion;
import dev.arbiter.core.policyqa.ChangeKind;
import dev.arbiter.core.policyqa.ChangedDecision;
import dev.arbiter.core.policyqa.RecordedRequest;
import dev.arbiter.core.policyqa.Replay;
import dev.arbiter.core.policyqa.ReplayReport;
import dev.arbiter.desktop.common.TaskRunner;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Policies screen's replay panel (issue 19 "{@code arbiter policy replay} … and in the desktop"): a
 * chosen version of a policy re-decides the recorded requests of a free range (from, to, agents) off the
 * FX thread, with progress and a Stop; then the changed decisions by kind, up to {@link #EXAMPLES} examples
 * of each kind, and a WARNING for every would-be allow of something that was denied (always all of them).
 *
 * <p>Times are typed as {@code 2026-11-30} (a whole day), {@code 2026-11-30T14:05} or {@code 2026-11-30 14:05}
 * (UTC, as the ledger), or with a zone ({@code …Z}, {@code …+01:00}); empty leaves that end open. Agents are
 * ids separated by commas or spaces; none means every agent under the policy.
 */
public final class ReplayViewModel {

    /** Changes listed per kind; the counts always cover all of them. */
    static final int EXAMPLES = 200;
    /** The version choice that replays each decision under the version that made it. */
    public static final String AS_RECORDED = "as recorded (reproduction check)";

    /** One changed decision as the table shows it. */
    public record ChangeRow(ChangeKind kind, String traceId, Instant at, String agent, String action, String was,
                            String now, String why) {
    }

    private final Replay replay;
    private final PolicyRegistry policies;
    private final TaskRunner runner;
    private final Executor ui;
    private final AtomicLong generation = new AtomicLong();
    private volatile AtomicBoolean stopRequested = new AtomicBoolean();

    private final StringProperty policy = new SimpleStringProperty();
    private final ObservableList<String> versions = FXCollections.observableArrayList();
    private final StringProperty version = new SimpleStringProperty(AS_RECORDED);
    private final StringProperty from = new SimpleStringProperty("");
    private final StringProperty to = new SimpleStringProperty("");
    private final StringProperty agents = new SimpleStringProperty("");
    private final ObjectProperty<ChangeKind> kind = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(
            "Choose a policy and a version, and a range (empty: the whole ledger), then Replay (Ctrl+Enter).");
    private final BooleanProperty error = new SimpleBooleanProperty(false);
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private final ObservableList<ChangeRow> changes = FXCollections.observableArrayList();
    private ReplayReport report;

    /**
     * @param ui where results and progress are shown (the FX thread in the desktop; the calling thread in tests)
     */
    public ReplayViewModel(Replay replay, PolicyRegistry policies, TaskRunner runner, Executor ui) {
        this.replay = replay;
        this.policies = policies;
        this.runner = runner;
        this.ui = ui;
        kind.addListener((o, a, b) -> showChanges());
        policy.addListener((o, a, b) -> loadVersions(b));
    }

    // ---- properties ----

    /** The policy to replay. */
    public StringProperty policyProperty() { return policy; }
    /** {@link #AS_RECORDED}, then "v3 (active)", "v2", … newest first. */
    public ObservableList<String> versions() { return versions; }
    public StringProperty versionProperty() { return version; }
    public StringProperty fromProperty() { return from; }
    public StringProperty toProperty() { return to; }
    public StringProperty agentsProperty() { return agents; }
    /** The kind of change listed; null lists every kind. */
    public ObjectProperty<ChangeKind> kindProperty() { return kind; }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    /** 0 to 1 while running. */
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    /** What was replayed and the counts by kind; or what to fix first. */
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
    /** True when the summary says what to fix. */
    public BooleanProperty errorProperty() { return error; }
    /** One WARNING line per request denied then that the version would let through. */
    public ObservableList<String> warnings() { return warnings; }
    /** The changed decisions of the chosen kind, up to {@link #EXAMPLES} of each kind. */
    public ObservableList<ChangeRow> changes() { return changes; }

    // ---- commands ----

    /** Replays with the fields as they are; a field that does not read says so and nothing runs. */
    public void run() {
        String name = policy.get();
        if (name == null || name.isBlank()) {
            fail("Choose a policy to replay.");
            return;
        }
        Integer v;
        Instant start;
        Instant end;
        Set<String> chosen;
        try {
            v = versionNumber(version.get());
            start = time("From", from.get(), false);
            end = time("To", to.get(), true);
            chosen = agentIds(agents.get());
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
            return;
        }
        if (start != null && end != null && end.isBefore(start)) {
            fail("To is before From: swap them, or leave one empty for an open range.");
            return;
        }
        long mine = generation.incrementAndGet();
        AtomicBoolean stop = new AtomicBoolean();
        stopRequested = stop;
        running.set(true);
        progress.set(0);
        error.set(false);
        summary.set("Replaying " + name + " " + (v == null ? "as recorded" : "v" + v) + "…");
        Replay.Progress watch = new Replay.Progress() {
            private double shown = -1;

            @Override
            public void at(double done) {
                if (done - shown >= 0.01 || done >= 1) { // at most a hundred hand-offs to the UI
                    shown = done;
                    ui.execute(() -> {
                        if (generation.get() == mine) {
                            progress.set(done);
                        }
                    });
                }
            }

            @Override
            public boolean cancelled() {
                return stop.get();
            }
        };
        runner.run(() -> replay.run(name, v, start, end, chosen, watch), r -> {
            if (generation.get() == mine) {
                running.set(false);
                show(r);
            }
        }, failure -> {
            if (generation.get() == mine) {
                running.set(false);
                report = null;
                warnings.clear();
                changes.clear();
                if (failure instanceof CancellationException) {
                    summary.set("Stopped. Replay again to see the changes.");
                    error.set(false);
                } else {
                    fail(failure instanceof IllegalArgumentException ? failure.getMessage()
                            : "The replay failed: " + failure.getMessage() + " (details in the log).");
                }
            }
        });
    }

    /** Stops the running replay (it ends at its next look, within a few thousand entries). */
    public void stop() {
        stopRequested.set(true);
    }

    private void loadVersions(String name) {
        if (name == null) {
            versions.setAll(AS_RECORDED);
            return;
        }
        runner.run(() -> new VersionChoice(policies.versions(name), policies.active(name)
                .map(PolicyVersion::version).orElse(null)), choice -> {
                    if (!name.equals(policy.get())) {
                        return;
                    }
                    List<String> items = new ArrayList<>();
                    items.add(AS_RECORDED);
                    choice.versions.forEach(pv -> items.add("v" + pv.version()
                            + (Integer.valueOf(pv.version()).equals(choice.active) ? " (active)" : "")));
                    versions.setAll(items);
                    // another policy: its newest version, the likely candidate
                    version.set(items.size() > 1 ? items.get(1) : AS_RECORDED);
                }, failure -> fail("The versions of " + name + " could not be read: " + failure.getMessage()));
    }

    private record VersionChoice(List<PolicyVersion> versions, Integer active) {
    }

    private void show(ReplayReport r) {
        report = r;
        Map<ChangeKind, Long> counts = r.countsByKind();
        String what = r.policy() + " " + (r.version() == null ? "as recorded" : "v" + r.version());
        summary.set(r.decisions() + " recorded decision" + (r.decisions() == 1 ? "" : "s") + " replayed under " + what
                + (r.changes().isEmpty() ? "; none would change." : "; " + r.changed() + " would change: "
                + "deny->allow " + counts.get(ChangeKind.DENY_TO_ALLOW) + ", allow->deny "
                + counts.get(ChangeKind.ALLOW_TO_DENY) + ", tier up " + counts.get(ChangeKind.TIER_UP) + ", tier down "
                + counts.get(ChangeKind.TIER_DOWN) + ", other reason " + counts.get(ChangeKind.REASON_CHANGED) + ".")
                + r.skippedLines().stream().map(line -> " " + line).collect(java.util.stream.Collectors.joining()));
        error.set(false);
        warnings.setAll(r.changes().stream().filter(c -> c.kind() == ChangeKind.DENY_TO_ALLOW)
                .map(c -> "WARNING: would " + c.replayed().verdict().wireName() + " what was denied: "
                        + c.recorded().request().agentId() + " " + c.recorded().request().action().action() + " at "
                        + c.recorded().at() + " (" + c.recorded().traceId() + ")")
                .toList());
        showChanges();
    }

    private void showChanges() {
        if (report == null) {
            changes.clear();
            return;
        }
        ChangeKind only = kind.get();
        Map<ChangeKind, Integer> listed = new java.util.EnumMap<>(ChangeKind.class);
        List<ChangeRow> rows = new ArrayList<>();
        for (ChangedDecision c : report.changes()) {
            if ((only == null || c.kind() == only) && listed.merge(c.kind(), 1, Integer::sum) <= EXAMPLES) {
                rows.add(row(c));
            }
        }
        changes.setAll(rows);
    }

    private static ChangeRow row(ChangedDecision c) {
        RecordedRequest r = c.recorded();
        return new ChangeRow(c.kind(), r.traceId(), r.at(), r.request().agentId(), r.request().action().action(),
                r.verdict().wireName() + " / " + (r.tier() == null ? "-" : r.tier().wireName()) + " / " + r.reasonCode(),
                c.replayed().verdict().wireName() + " / " + (c.replayed().tier() == null ? "-"
                        : c.replayed().tier().wireName()) + " / " + c.replayed().reasonCode(), c.replayed().reason());
    }

    private void fail(String message) {
        summary.set(message);
        error.set(true);
    }

    /** The version a choice names: null for {@link #AS_RECORDED}. */
    static Integer versionNumber(String choice) {
        if (choice == null || choice.equals(AS_RECORDED) || choice.isBlank()) {
            return null;
        }
        String digits = choice.strip().replaceFirst("^[vV]", "").replaceFirst(" .*$", "");
        try {
            return Integer.valueOf(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Version: choose one from the list (\"" + choice + "\" is not one).");
        }
    }

    /**
     * A typed time, UTC unless a zone is given; a bare date is the start of the day for From and its last
     * millisecond (the ledger's precision) for To; empty is null (an open end).
     *
     * @throws IllegalArgumentException naming the field and the spellings it takes
     */
    static Instant time(String field, String text, boolean endOfDay) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip().replaceFirst("^(\\d{4}-\\d{2}-\\d{2}) ", "$1T");
        try {
            if (t.length() == 10) {
                LocalDate day = LocalDate.parse(t);
                return endOfDay ? day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1)
                        : day.atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d{2}:\\d{2}$")) {
                return OffsetDateTime.parse(t).toInstant();
            }
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(field + ": \"" + text.strip() + "\" is not a time; write 2026-11-30, "
                    + "2026-11-30 14:05 (UTC) or 2026-11-30T14:05+01:00, or leave it empty for an open end.");
        }
    }

    /**
     * The agent ids typed, lower case (as agent ids are kept); null when none (every agent).
     *
     * @throws IllegalArgumentException naming a typed id that cannot be one
     */
    static Set<String> agentIds(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String typed : text.strip().split("[,\\s]+")) {
            AgentId.problemWith(typed).ifPresent(problem -> {
                throw new IllegalArgumentException("Agents: \"" + typed + "\": " + problem
                        + "; write ids such as support-agent-v2, separated by commas.");
            });
            ids.add(AgentId.canonical(typed));
        }
        return ids;
    }
}
