package dev.arbiter.desktop.policies;

import dev.arbiter.core.policyqa.ActivationPreview;
import dev.arbiter.core.policyqa.Replay;
import dev.arbiter.core.policyqa.ShadowReports;
import dev.arbiter.core.agent.Agent;
import dev.arbiter.core.event.WorkspaceChanged;
import dev.arbiter.core.policy.AgentPolicy;
import dev.arbiter.core.policy.InvalidPolicyException;
import dev.arbiter.core.policy.PolicyChanged;
import dev.arbiter.core.policy.PolicyCheck;
import dev.arbiter.core.policy.PolicyDiff;
import dev.arbiter.core.policy.PolicyProblem;
import dev.arbiter.core.policy.PolicyRegistry;
import dev.arbiter.core.policy.PolicySummary;
import dev.arbiter.core.policy.PolicyVersion;
import dev.arbiter.core.policy.PolicyYaml;
import dev.arbiter.core.policy.SavedPolicy;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.Debounce;
import dev.arbiter.desktop.common.Dialogs;
import dev.arbiter.desktop.common.StatusMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
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

/**
 * The policy editor's state and commands: the policy list, the YAML being
 * edited with its live problems (checked off the FX thread, a moment after the
 * last keystroke), the saved versions, which agents run under which version,
 * and the test bench that evaluates the text being edited.
 */
public final class PoliciesViewModel {

    /** How long typing must pause before the text is checked. */
    static final Duration VALIDATION_DELAY = Duration.ofMillis(300);

    static final String NEW_POLICY_TEMPLATE = """
            agent_policy:
              name: "new-agent-policy"
              allowed_actions:
                - read:example_resource
              denied_actions:
                - delete:*
              rate_limits:
                actions_per_minute: 30
                escalations_per_hour: 10
              sandbox: true
              network_access:
                - example-api.internal:443
            """;

    private final DesktopContext context;
    private final PolicyRegistry registry;
    private final TestBenchViewModel bench;
    private final PolicyQaViewModel qa;
    private final ReplayViewModel replay;

    private final ObservableList<PolicySummary> policies = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper openPolicy = new ReadOnlyStringWrapper();
    private final StringProperty text = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper savedText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<PolicyProblem> problems = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper checkSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<AgentPolicy> checkedPolicy = new ReadOnlyObjectWrapper<>();
    private final ObservableList<PolicyVersion> versions = FXCollections.observableArrayList();
    private final ObservableList<String> usage = FXCollections.observableArrayList();
    private final ObjectProperty<Integer> activeVersion = new SimpleObjectProperty<>();
    private final StringProperty note = new SimpleStringProperty("");
    private final StatusMessage outcome;
    private final BooleanProperty empty = new SimpleBooleanProperty(false);
    private final Debounce debounce;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private long checkSequence;

    public PoliciesViewModel(DesktopContext context) {
        this.context = context;
        this.outcome = new StatusMessage(context.ui());
        this.debounce = new Debounce(context.ui(), VALIDATION_DELAY, this::check);
        this.registry = context.workspace().policies();
        this.bench = new TestBenchViewModel(checkedPolicy.getReadOnlyProperty());
        this.qa = new PolicyQaViewModel(checkedPolicy.getReadOnlyProperty(), text, context.background(),
                context.workspace().auditReader());
        this.replay = new ReplayViewModel(new Replay(context.workspace().auditReader(), registry,
                context.workspace().agents()), registry, context.background(), context.ui());
        text.addListener((o, before, after) -> {
            dirty.set(!Objects.equals(after, savedText.get()));
            checkSummary.set("Checking…");
            debounce.trigger();
        });
        context.workspace().events().subscribe(PolicyChanged.class, e -> queueRefresh());
        context.workspace().events().subscribe(WorkspaceChanged.class, e -> queueRefresh());
    }

    // ---- properties ----

    public ObservableList<PolicySummary> policies() { return policies; }
    /** The name of the policy in the editor; null for a new, unsaved one. */
    public ReadOnlyStringProperty openPolicyProperty() { return openPolicy.getReadOnlyProperty(); }
    public StringProperty textProperty() { return text; }
    public ReadOnlyBooleanProperty dirtyProperty() { return dirty.getReadOnlyProperty(); }
    public ObservableList<PolicyProblem> problems() { return problems; }
    /** "Valid policy", "2 problems", "Checking…". */
    public ReadOnlyStringProperty checkSummaryProperty() { return checkSummary.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty validProperty() { return valid.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<AgentPolicy> checkedPolicyProperty() { return checkedPolicy.getReadOnlyProperty(); }
    /** Newest first. */
    public ObservableList<PolicyVersion> versions() { return versions; }
    /** "support-agent-v2 runs v1 (the active version)", one line per agent. */
    public ObservableList<String> usage() { return usage; }
    public ObjectProperty<Integer> activeVersionProperty() { return activeVersion; }
    public StringProperty noteProperty() { return note; }
    public StringProperty messageProperty() { return outcome.textProperty(); }
    public BooleanProperty messageIsErrorProperty() { return outcome.errorProperty(); }
    /** True when the workspace has no policy at all (the view shows how to start). */
    public BooleanProperty emptyProperty() { return empty; }
    public TestBenchViewModel bench() { return bench; }
    /** The policy QA panel: test cases, coverage, shadow report (issue 19). */
    public PolicyQaViewModel qa() { return qa; }
    /** The replay panel: a version against a free range of the ledger (issue 19). */
    public ReplayViewModel replay() { return replay; }

    // ---- commands ----

    public void refresh() {
        qa.refreshShadow();
        context.background().run(registry::list, list -> {
            policies.setAll(list);
            empty.set(list.isEmpty());
            String open = openPolicy.get();
            if (open != null) {
                list.stream().filter(p -> p.name().equals(open)).findFirst()
                        .ifPresent(p -> activeVersion.set(p.activeVersion()));
            }
        }, this::failed);
    }

    private void queueRefresh() {
        if (refreshQueued.compareAndSet(false, true)) {
            context.ui().execute(() -> {
                refreshQueued.set(false);
                refresh();
                if (openPolicy.get() != null) {
                    loadHistory(openPolicy.get());
                }
            });
        }
    }

    /** Opens a policy's newest version (which may be a draft) in the editor. */
    public void open(String name) {
        context.background().run(() -> registry.latest(name), latest -> latest.ifPresentOrElse(v -> {
            load(v);
            loadHistory(name);
        }, () -> showError("There is no policy named " + name + ".")), this::failed);
    }

    /** Shows an older version's text in the editor (saving it again makes it the newest version). */
    public void openVersion(PolicyVersion version) {
        load(version);
        showInfo("Showing " + version.label() + ". Save to make it the newest version, or activate it to roll back.");
    }

    private void load(PolicyVersion version) {
        openPolicy.set(version.name());
        savedText.set(version.yaml());
        text.set(version.yaml());
        dirty.set(false);
        note.set("");
    }

    /** Starts a new policy from a template. */
    public void newPolicy() {
        openPolicy.set(null);
        savedText.set("");
        versions.clear();
        usage.clear();
        activeVersion.set(null);
        text.set(NEW_POLICY_TEMPLATE);
        showInfo("New policy: rename it, list its actions, then save.");
    }

    /** Throws away edits: back to the text last opened. */
    public void revert() {
        text.set(savedText.get());
    }

    /** Saves the editor's text as a new version; a new policy's first version is activated at once. */
    public void save() {
        String yaml = text.get();
        String actor = context.actor();
        String why = note.get();
        context.background().run(() -> registry.save(yaml, actor, why, false), saved -> {
            afterSave(saved);
            showInfo(!saved.created() ? "Nothing changed since " + saved.version().label() + "."
                    : saved.active() ? "Saved " + saved.version().label() + "; it is active."
                    : "Saved " + saved.version().label() + " as a draft. Activate it to put it in force.");
        }, this::failed);
    }

    private void afterSave(SavedPolicy saved) {
        openPolicy.set(saved.version().name());
        savedText.set(saved.version().yaml());
        dirty.set(!Objects.equals(text.get(), saved.version().yaml()));
        note.set("");
        refresh();
        loadHistory(saved.version().name());
    }

    /**
     * Works out what activating {@code version} would change (issue 19: a replay of the last
     * {@value ActivationPreview#DAYS} days under it and its shadow report) off the FX thread, then hands
     * it to {@code show} on the FX thread; the status line says it is running meanwhile.
     */
    public void preview(PolicyVersion version, Consumer<ActivationPreview> show) {
        showInfo("Replaying the last " + ActivationPreview.DAYS + " days under " + version.label() + "…");
        var ws = context.workspace();
        context.background().run(() -> ActivationPreview.of(new Replay(ws.auditReader(), ws.policies(), ws.agents()),
                new ShadowReports(ws.auditReader()), version.name(), version.version(), ws.clock().instant()), p -> {
                    showInfo("");
                    show.accept(p);
                }, this::failed);
    }

    /** Puts a version in force (an older one is a rollback). */
    public void activate(PolicyVersion version) {
        activate(version, null);
    }

    /**
     * Puts a version in force after the person saw {@code preview} (null: none was shown); the
     * activation's audit entry records it ({@link ActivationPreview#reference()}).
     */
    public void activate(PolicyVersion version, ActivationPreview preview) {
        String actor = context.actor();
        context.background().run(() -> registry.activate(version.name(), version.version(), actor,
                preview == null ? null : preview.reference()), v -> {
            showInfo(v.label() + " is now active.");
            refresh();
            loadHistory(v.name());
        }, this::failed);
    }

    public void diff(PolicyVersion left, PolicyVersion right, Consumer<PolicyDiff> show) {
        context.background().run(() -> registry.diff(left.name(), left.version(), right.version()), show,
                this::failed);
    }

    /** Imports a policy file as a new version (activated when the policy is new). */
    public void importFile(Path file) {
        String actor = context.actor();
        context.background().run(() -> registry.importFile(file, actor, "imported from " + file.getFileName(), false),
                saved -> {
                    load(saved.version());
                    afterSave(saved);
                    showInfo((saved.created() ? "Imported " : "Already saved: ") + saved.version().label()
                            + (saved.active() ? " (active)." : " as a draft."));
                }, this::failed);
    }

    /** Writes the saved text of the open policy's newest version (never unsaved edits) to a file. */
    public void exportTo(Path file, PolicyVersion version) {
        context.background().run(() -> {
            Files.writeString(file, version.yaml(), StandardCharsets.UTF_8);
            return file;
        }, f -> showInfo("Exported " + version.label() + " to " + f + "."), this::failed);
    }

    // ---- live checking ----

    private void check() {
        long sequence = ++checkSequence;
        String yaml = text.get();
        context.background().run(() -> PolicyYaml.check(yaml), result -> {
            if (sequence == checkSequence) {
                apply(result);
            }
        }, this::failed);
    }

    private void apply(PolicyCheck result) {
        problems.setAll(result.problems());
        valid.set(result.isValid());
        checkedPolicy.set(result.policy());
        int n = result.problems().size();
        checkSummary.set(result.isValid() ? "Valid policy" : n == 1 ? "1 problem" : n + " problems");
    }

    private void loadHistory(String name) {
        context.background().run(() -> new History(registry.versions(name), registry.active(name)
                        .map(PolicyVersion::version).orElse(null), context.workspace().agents().usingPolicy(name)),
                history -> {
                    if (!name.equals(openPolicy.get())) {
                        return;
                    }
                    versions.setAll(history.versions);
                    activeVersion.set(history.active);
                    usage.setAll(describeUsage(history));
                }, this::failed);
    }

    private record History(List<PolicyVersion> versions, Integer active, List<Agent> agents) {
    }

    private static List<String> describeUsage(History history) {
        List<String> lines = new ArrayList<>();
        for (Agent a : history.agents) {
            Integer pinned = a.profile().policyVersion();
            lines.add(a.id() + " runs " + (pinned != null ? "v" + pinned + " (pinned)"
                    : history.active == null ? "nothing yet (no active version)"
                    : "v" + history.active + " (the active version)"));
        }
        return lines;
    }

    private void failed(Throwable failure) {
        if (failure instanceof InvalidPolicyException invalid) {
            problems.setAll(invalid.problems());
            valid.set(false);
            showError("Not saved: the policy has " + (invalid.problems().size() == 1 ? "a problem"
                    : invalid.problems().size() + " problems") + " (listed under the editor).");
            return;
        }
        showError(Dialogs.messageOf(failure));
    }

    void showError(String text) {
        outcome.error(text);
    }

    private void showInfo(String text) {
        outcome.info(text);
    }
}
