package dev.arbiter.desktop.compliance;

import dev.arbiter.core.agent.AgentChanged;
import dev.arbiter.core.compliance.Applicability;
import dev.arbiter.core.compliance.ComplianceMap;
import dev.arbiter.core.compliance.ControlStatus;
import dev.arbiter.core.compliance.CoverageCell;
import dev.arbiter.core.compliance.CoverageMatrix;
import dev.arbiter.core.compliance.Regulation;
import dev.arbiter.core.compliance.RequirementCoverage;
import dev.arbiter.core.event.WorkspaceChanged;
import dev.arbiter.core.policy.ActionPattern;
import dev.arbiter.core.policy.DataClass;
import dev.arbiter.core.policy.PolicyChanged;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.Dialogs;
import dev.arbiter.desktop.common.StatusMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The compliance screen's state: the coverage matrix (agents x regulations,
 * gaps first), the requirements behind the selected cell, and a form to record
 * the control and evidence that meet one.
 */
public final class ComplianceViewModel {

    private final DesktopContext context;
    private final ComplianceMap compliance;

    private final ObservableList<Regulation> regulations = FXCollections.observableArrayList();
    private final ObservableList<CoverageMatrix.Row> rows = FXCollections.observableArrayList();
    private final StringProperty summary = new SimpleStringProperty("");
    private final BooleanProperty noAgents = new SimpleBooleanProperty(false);
    private final ObjectProperty<CoverageCell> cell = new SimpleObjectProperty<>();
    private final StringProperty cellTitle = new SimpleStringProperty("");
    private final ObservableList<RequirementCoverage> requirements = FXCollections.observableArrayList();
    private final ObjectProperty<RequirementCoverage> requirement = new SimpleObjectProperty<>();
    private final ObjectProperty<ControlStatus> status = new SimpleObjectProperty<>(ControlStatus.MET);
    private final StringProperty control = new SimpleStringProperty("");
    private final StringProperty evidence = new SimpleStringProperty("");
    private final StringProperty controlHint = new SimpleStringProperty("");
    private final StatusMessage outcome;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private final Executor ui;

    public ComplianceViewModel(DesktopContext context) {
        this(context, context.ui(), context.ui()::after);
    }

    /**
     * {@code ui} runs refreshes caused by agent and policy changes from other threads (the FX thread);
     * {@code later} expires an outcome line after a delay (the FX clock; a test's own clock).
     */
    public ComplianceViewModel(DesktopContext context, Executor ui, BiConsumer<Duration, Runnable> later) {
        this.context = context;
        this.ui = ui;
        this.outcome = new StatusMessage(later);
        this.compliance = context.workspace().compliance();
        context.workspace().events().subscribe(AgentChanged.class, e -> queueRefresh());
        context.workspace().events().subscribe(PolicyChanged.class, e -> queueRefresh());
        // another process (the CLI, a second desktop) added a regulation or recorded a control (issue 20)
        context.workspace().events().subscribe(WorkspaceChanged.class, e -> {
            if (e.touches(WATCHED)) {
                queueRefresh();
            }
        });
    }

    /** The tables the matrix is computed from. */
    private static final String[] WATCHED = {"agent", "policy", "policy_version", "compliance_regulation",
            "compliance_requirement", "compliance_control"};

    public ObservableList<Regulation> regulations() { return regulations; }
    /** Agents, the one with the most gaps first. */
    public ObservableList<CoverageMatrix.Row> rows() { return rows; }
    public StringProperty summaryProperty() { return summary; }
    public BooleanProperty noAgentsProperty() { return noAgents; }
    public ObjectProperty<CoverageCell> cellProperty() { return cell; }
    public StringProperty cellTitleProperty() { return cellTitle; }
    public ObservableList<RequirementCoverage> requirements() { return requirements; }
    public ObjectProperty<RequirementCoverage> requirementProperty() { return requirement; }
    public ObjectProperty<ControlStatus> statusProperty() { return status; }
    public StringProperty controlProperty() { return control; }
    public StringProperty evidenceProperty() { return evidence; }
    /** What typically meets the selected requirement, as a prompt for the control field. */
    public StringProperty controlHintProperty() { return controlHint; }
    public StringProperty messageProperty() { return outcome.textProperty(); }
    public BooleanProperty messageIsErrorProperty() { return outcome.errorProperty(); }

    public void refresh() {
        context.background().run(compliance::matrix, this::show, this::failed);
    }

    private void queueRefresh() {
        if (refreshQueued.compareAndSet(false, true)) {
            ui.execute(() -> {
                refreshQueued.set(false);
                refresh();
            });
        }
    }

    private void show(CoverageMatrix matrix) {
        CoverageCell before = cell.get();
        String keepRequirement = requirement.get() == null ? null : requirement.get().requirement().id();
        regulations.setAll(matrix.regulations());
        rows.setAll(matrix.rows());
        noAgents.set(matrix.rows().isEmpty());
        int agentsWithGaps = (int) matrix.rows().stream().filter(r -> r.gaps() > 0).count();
        summary.set(matrix.rows().isEmpty() ? ""
                : matrix.totalGaps() == 0 ? "No gaps: every applicable requirement is met."
                : matrix.totalGaps() + (matrix.totalGaps() == 1 ? " unmet requirement" : " unmet requirements")
                        + " across " + agentsWithGaps + (agentsWithGaps == 1 ? " agent" : " agents")
                        + ". Select a cell to see them.");
        if (before != null) {
            Typed typed = typed();
            matrix.rows().stream().filter(r -> r.agent().id().equals(before.agentId())).findFirst()
                    .map(r -> r.cell(before.regulationId()))
                    .ifPresentOrElse(c -> {
                        select(c);
                        requirements.stream().filter(q -> q.requirement().id().equals(keepRequirement)).findFirst()
                                .ifPresent(q -> {
                                    selectRequirement(q);
                                    // a refresh caused by someone else's change never overwrites what is
                                    // being typed here: it stays until Record (last writer wins, as every save)
                                    if (typed != null) {
                                        status.set(typed.status());
                                        control.set(typed.control());
                                        evidence.set(typed.evidence());
                                    }
                                });
                    }, () -> select(null));
        }
    }

    /** The form's values, when they differ from the selected requirement's record (or from empty): unsaved. */
    private record Typed(ControlStatus status, String control, String evidence) {
    }

    private Typed typed() {
        RequirementCoverage r = requirement.get();
        if (r == null) {
            return null;
        }
        var saved = r.record();
        boolean changed = saved == null
                ? status.get() != ControlStatus.MET || !blank(control.get()) || !blank(evidence.get())
                : status.get() != saved.status() || !Objects.equals(control.get(), saved.control())
                        || !Objects.equals(evidence.get(), saved.evidence());
        return changed ? new Typed(status.get(), control.get(), evidence.get()) : null;
    }

    private static boolean blank(String text) {
        return text == null || text.isEmpty();
    }

    /** Shows the requirements behind one cell. */
    public void select(CoverageCell selected) {
        cell.set(selected);
        if (selected == null) {
            cellTitle.set("");
            requirements.clear();
            selectRequirement(null);
            return;
        }
        String regulation = regulations.stream().filter(r -> r.id().equals(selected.regulationId()))
                .map(Regulation::name).findFirst().orElse(selected.regulationId());
        cellTitle.set(selected.agentId() + " × " + regulation + ": " + selected.describe());
        List<RequirementCoverage> sorted = new ArrayList<>(selected.requirements());
        sorted.sort((a, b) -> a.coverage().compareTo(b.coverage()));
        requirements.setAll(sorted);
        selectRequirement(null);
    }

    /** Fills the form from the requirement's record, if any. */
    public void selectRequirement(RequirementCoverage selected) {
        requirement.set(selected);
        if (selected == null || selected.record() == null) {
            status.set(ControlStatus.MET);
            control.set("");
            evidence.set("");
        } else {
            status.set(selected.record().status());
            control.set(selected.record().control());
            evidence.set(selected.record().evidence());
        }
        String suggested = selected == null ? null : selected.requirement().suggestedControl();
        controlHint.set(suggested != null ? suggested : "What meets this requirement for this agent");
    }

    public void record() {
        RequirementCoverage r = requirement.get();
        CoverageCell c = cell.get();
        if (r == null || c == null) {
            return;
        }
        String actor = context.actor();
        ControlStatus s = status.get();
        String controlText = control.get();
        String evidenceText = evidence.get();
        context.background().run(() -> compliance.recordControl(c.agentId(), r.requirement().id(), s, controlText,
                evidenceText, actor), saved -> {
                    showInfo("Recorded " + r.requirement().id() + " for " + c.agentId() + ".");
                    refresh();
                }, this::failed);
    }

    public void removeRecord() {
        RequirementCoverage r = requirement.get();
        CoverageCell c = cell.get();
        if (r == null || c == null || r.record() == null) {
            return;
        }
        String actor = context.actor();
        context.background().run(() -> {
            compliance.removeControl(c.agentId(), r.requirement().id(), actor);
            return r;
        }, removed -> {
            showInfo("Removed the record of " + r.requirement().id() + " for " + c.agentId() + ".");
            refresh();
        }, this::failed);
    }

    public void addRegulation(String id, String name, String summaryText) {
        String actor = context.actor();
        context.background().run(() -> compliance.addRegulation(id, name, summaryText, actor), r -> {
            showInfo("Added " + r.name() + ". Add its requirements with Add requirement.");
            refresh();
        }, this::failed);
    }

    /** {@code actions} is a comma-separated list of patterns; a bad one is reported, nothing is added. */
    public void addRequirement(String regulationId, String id, String title, String description, boolean all,
                               Set<DataClass> classes, String actions) {
        List<ActionPattern> patterns = new ArrayList<>();
        for (String a : actions == null ? new String[0] : actions.split(",")) {
            if (a.isBlank()) {
                continue;
            }
            var problem = ActionPattern.problemWith(a.strip());
            if (problem.isPresent()) {
                showError("Actions: " + problem.get());
                return;
            }
            patterns.add(ActionPattern.parse(a.strip()));
        }
        String actor = context.actor();
        Applicability applies = new Applicability(all, classes, patterns);
        context.background().run(() -> compliance.addRequirement(id, regulationId, title, description, applies, actor),
                q -> {
                    showInfo("Added " + q.id() + " to " + q.regulationId() + ".");
                    refresh();
                }, this::failed);
    }

    private void failed(Throwable failure) {
        showError(Dialogs.messageOf(failure));
    }

    private void showError(String text) {
        outcome.error(text);
    }

    private void showInfo(String text) {
        outcome.info(text);
    }
}
