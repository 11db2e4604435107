package dev.arbiter.desktop.policies;

import dev.arbiter.core.agent.Agent;
import dev.arbiter.core.agent.AgentChanged;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.agent.AgentRegistry;
import dev.arbiter.core.agent.AgentStatus;
import dev.arbiter.core.agent.FieldProblem;
import dev.arbiter.core.agent.InvalidAgentException;
import dev.arbiter.core.control.KillSwitchChanged;
import dev.arbiter.core.event.WorkspaceChanged;
import dev.arbiter.core.policy.DailyBudget;
import dev.arbiter.core.policy.DataClass;
import dev.arbiter.core.policy.PolicyChanged;
import dev.arbiter.core.policy.PolicySummary;
import dev.arbiter.core.policy.PolicyVersion;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.AgentControl;
import dev.arbiter.desktop.common.Dialogs;
import dev.arbiter.desktop.common.StatusMessage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * The agent registry screen's state and commands: the searchable list, and a
 * form for the selected (or new) agent whose fields the view binds to. Core
 * calls run on the background runner; results land here on the FX thread.
 */
public final class AgentsViewModel {

    /** The policy-version choice meaning "not pinned". */
    public static final String FOLLOW_ACTIVE = "Follow the active version";
    public static final String NO_POLICY = "(no policy)";

    private final DesktopContext context;
    private final AgentRegistry registry;

    private final ObservableList<Agent> agents = FXCollections.observableArrayList();
    private final StringProperty search = new SimpleStringProperty("");
    private final BooleanProperty showRetired = new SimpleBooleanProperty(false);
    private final ObjectProperty<Agent> selected = new SimpleObjectProperty<>();
    private final BooleanProperty adding = new SimpleBooleanProperty(false);
    private final BooleanProperty registryEmpty = new SimpleBooleanProperty(false);

    // the form
    private final StringProperty id = new SimpleStringProperty("");
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty owner = new SimpleStringProperty("");
    private final StringProperty purpose = new SimpleStringProperty("");
    private final StringProperty vendor = new SimpleStringProperty("");
    private final StringProperty model = new SimpleStringProperty("");
    private final StringProperty fallbackModel = new SimpleStringProperty("");
    private final Map<DataClass, BooleanProperty> dataClasses = new EnumMap<>(DataClass.class);
    private final StringProperty dailyTokens = new SimpleStringProperty("");
    private final StringProperty dailyCost = new SimpleStringProperty("");
    private final StringProperty alertPercent = new SimpleStringProperty(String.valueOf(DailyBudget.DEFAULT_ALERT_PERCENT));
    private final StringProperty policy = new SimpleStringProperty(NO_POLICY);
    private final StringProperty policyVersion = new SimpleStringProperty(FOLLOW_ACTIVE);
    private final ObservableList<String> policyNames = FXCollections.observableArrayList(NO_POLICY);
    private final ObservableList<String> policyVersions = FXCollections.observableArrayList(FOLLOW_ACTIVE);
    private final ObservableMap<String, String> fieldErrors = FXCollections.observableHashMap();
    private final StringProperty statusLine = new SimpleStringProperty("");
    private final StatusMessage outcome;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private final AgentControl control;
    private final BooleanProperty selectedKilled = new SimpleBooleanProperty(false);

    public AgentsViewModel(DesktopContext context) {
        this.context = context;
        this.outcome = new StatusMessage(context.ui());
        this.registry = context.workspace().agents();
        this.control = new AgentControl(context);
        for (DataClass c : DataClass.values()) {
            dataClasses.put(c, new SimpleBooleanProperty(false));
        }
        search.addListener((o, a, b) -> refresh());
        showRetired.addListener((o, a, b) -> refresh());
        policy.addListener((o, a, b) -> loadPolicyVersions(b));
        var events = context.workspace().events();
        events.subscribe(AgentChanged.class, e -> queueRefresh());
        events.subscribe(PolicyChanged.class, e -> queueRefresh());
        events.subscribe(WorkspaceChanged.class, e -> queueRefresh());
        events.subscribe(KillSwitchChanged.class, e -> queueRefresh());
    }

    // ---- properties ----

    public ObservableList<Agent> agents() { return agents; }
    public StringProperty searchProperty() { return search; }
    public BooleanProperty showRetiredProperty() { return showRetired; }
    public ObjectProperty<Agent> selectedProperty() { return selected; }
    public BooleanProperty addingProperty() { return adding; }
    public BooleanProperty registryEmptyProperty() { return registryEmpty; }
    public StringProperty idProperty() { return id; }
    public StringProperty nameProperty() { return name; }
    public StringProperty ownerProperty() { return owner; }
    public StringProperty purposeProperty() { return purpose; }
    public StringProperty vendorProperty() { return vendor; }
    public StringProperty modelProperty() { return model; }
    public StringProperty fallbackModelProperty() { return fallbackModel; }
    public BooleanProperty dataClassProperty(DataClass c) { return dataClasses.get(c); }
    public StringProperty dailyTokensProperty() { return dailyTokens; }
    public StringProperty dailyCostProperty() { return dailyCost; }
    public StringProperty alertPercentProperty() { return alertPercent; }
    public StringProperty policyProperty() { return policy; }
    public StringProperty policyVersionProperty() { return policyVersion; }
    public ObservableList<String> policyNames() { return policyNames; }
    public ObservableList<String> policyVersions() { return policyVersions; }
    /** Problems by field name ({@code id, name, owner, model, policy, policyVersion, dailyTokens, ...}). */
    public ObservableMap<String, String> fieldErrors() { return fieldErrors; }
    /** "Active", "Paused: odd refund pattern", "Retired: replaced by v3". */
    public StringProperty statusLineProperty() { return statusLine; }
    public StringProperty messageProperty() { return outcome.textProperty(); }
    public BooleanProperty messageIsErrorProperty() { return outcome.errorProperty(); }
    /** True when the selected agent's own kill switch is engaged. */
    public BooleanProperty selectedKilledProperty() { return selectedKilled; }
    /** The texts of pause, resume and kill confirmations. */
    public AgentControl control() { return control; }

    // ---- commands ----

    /** Reloads the list (and the policy choices), keeping the selection and the form. */
    public void refresh() {
        String text = search.get();
        boolean retired = showRetired.get();
        context.background().run(() -> new Loaded(registry.list(text, retired), registry.list(null, true).isEmpty(),
                        context.workspace().policies().list()),
                loaded -> {
                    String keep = selected.get() == null ? null : selected.get().id();
                    agents.setAll(loaded.agents);
                    registryEmpty.set(loaded.empty);
                    List<String> names = new ArrayList<>(List.of(NO_POLICY));
                    loaded.policies.forEach(p -> names.add(p.name()));
                    String chosen = policy.get();
                    policyNames.setAll(names);
                    policy.set(names.contains(chosen) ? chosen : NO_POLICY);
                    if (keep != null) {
                        agents.stream().filter(a -> a.id().equals(keep)).findFirst().ifPresent(selected::set);
                        selectedKilled.set(control.isKilled(keep));
                        if (selected.get() != null) {
                            statusLine.set(describe(selected.get()));
                        }
                    }
                },
                this::failed);
    }

    private record Loaded(List<Agent> agents, boolean empty, List<PolicySummary> policies) {
    }

    private void queueRefresh() {
        if (refreshQueued.compareAndSet(false, true)) {
            context.ui().execute(() -> {
                refreshQueued.set(false);
                refresh();
            });
        }
    }

    /** Fills the form with {@code agent} (null clears it). */
    public void select(Agent agent) {
        selected.set(agent);
        adding.set(false);
        fieldErrors.clear();
        if (agent == null) {
            clearForm();
            statusLine.set("");
            selectedKilled.set(false);
            return;
        }
        selectedKilled.set(control.isKilled(agent.id()));
        AgentProfile p = agent.profile();
        id.set(p.id());
        name.set(p.name());
        owner.set(p.owner());
        purpose.set(p.purpose());
        vendor.set(p.vendor());
        model.set(p.model());
        fallbackModel.set(p.fallbackModel());
        dataClasses.forEach((c, prop) -> prop.set(p.dataClasses().contains(c)));
        dailyTokens.set(p.budget().tokens() == null ? "" : String.valueOf(p.budget().tokens()));
        dailyCost.set(p.budget().costUsd() == null ? "" : p.budget().costUsd().toPlainString());
        alertPercent.set(String.valueOf(p.budget().alertPercent()));
        policy.set(p.policyName() == null ? NO_POLICY : p.policyName());
        loadPolicyVersions(policy.get());
        policyVersion.set(p.policyVersion() == null ? FOLLOW_ACTIVE : "v" + p.policyVersion());
        statusLine.set(describe(agent));
    }

    /** An empty form for a new agent. */
    public void newAgent() {
        selected.set(null);
        clearForm();
        adding.set(true);
        statusLine.set("New agent: it is active once saved.");
        outcome.textProperty().set("");
    }

    private void clearForm() {
        for (StringProperty p : List.of(id, name, owner, purpose, vendor, model, fallbackModel, dailyTokens, dailyCost)) {
            p.set("");
        }
        dataClasses.values().forEach(b -> b.set(false));
        alertPercent.set(String.valueOf(DailyBudget.DEFAULT_ALERT_PERCENT));
        policy.set(NO_POLICY);
        policyVersion.set(FOLLOW_ACTIVE);
        fieldErrors.clear();
    }

    public boolean canEdit() {
        return adding.get() || selected.get() != null && !selected.get().isRetired();
    }

    /** Saves the form (adds or updates); field problems appear in {@link #fieldErrors()}. */
    public void save() {
        fieldErrors.clear();
        AgentProfile profile = profileFromForm();
        if (profile == null) {
            showError("Fix the marked fields.");
            return;
        }
        boolean add = adding.get();
        String actor = context.actor();
        context.background().run(() -> add ? registry.add(profile, actor) : registry.update(profile, actor),
                saved -> {
                    adding.set(false);
                    showInfo((add ? "Added " : "Saved ") + saved.id() + ".");
                    selected.set(saved);
                    statusLine.set(describe(saved));
                    refresh();
                },
                this::failed);
    }

    public void pause(String reason) {
        changeStatus(AgentStatus.PAUSED, reason);
    }

    public void resume(String reason) {
        changeStatus(AgentStatus.ACTIVE, reason);
    }

    public void retire(String reason) {
        changeStatus(AgentStatus.RETIRED, reason);
    }

    private void changeStatus(AgentStatus target, String reason) {
        Agent agent = selected.get();
        if (agent == null) {
            return;
        }
        String actor = context.actor();
        context.background().run(() -> switch (target) {
                    case PAUSED -> registry.pause(agent.id(), reason, actor);
                    case ACTIVE -> registry.resume(agent.id(), reason, actor);
                    case RETIRED -> registry.retire(agent.id(), reason, actor);
                },
                changed -> {
                    selected.set(changed);
                    statusLine.set(describe(changed));
                    showInfo(changed.id() + " is now " + changed.status().wireName() + ".");
                    refresh();
                },
                this::failed);
    }

    /** Engages the selected agent's own kill switch: its actions waiting for approval are denied at once. */
    public void kill(String reason) {
        Agent agent = selected.get();
        if (agent != null) {
            control.kill(agent.id(), reason, state -> {
                selectedKilled.set(true);
                statusLine.set(describe(agent));
                showInfo("Kill switch engaged for " + agent.id() + ": every action of it is denied until released.");
            }, this::failed);
        }
    }

    public void releaseKill(String reason) {
        Agent agent = selected.get();
        if (agent != null) {
            control.release(agent.id(), reason, state -> {
                selectedKilled.set(false);
                statusLine.set(describe(agent));
                showInfo("Kill switch released for " + agent.id() + ".");
            }, this::failed);
        }
    }

    private String describe(Agent agent) {
        return describeStatus(agent) + (selectedKilled.get() ? " · STOPPED by its kill switch" : "");
    }

    /** Builds the profile, or marks the fields that are not numbers; null when any is wrong. */
    AgentProfile profileFromForm() {
        Long tokens = null;
        BigDecimal cost = null;
        int alert = DailyBudget.DEFAULT_ALERT_PERCENT;
        if (!dailyTokens.get().isBlank()) {
            try {
                tokens = Long.parseLong(dailyTokens.get().strip().replace(",", "").replace("_", ""));
                if (tokens < 0) {
                    fieldErrors.put("dailyTokens", "a budget cannot be negative");
                }
            } catch (NumberFormatException e) {
                fieldErrors.put("dailyTokens", "enter a whole number of tokens, e.g. 800000");
            }
        }
        if (!dailyCost.get().isBlank()) {
            try {
                cost = new BigDecimal(dailyCost.get().strip().replace("$", "").replace(",", ""));
                if (cost.signum() < 0) {
                    fieldErrors.put("dailyCost", "a budget cannot be negative");
                }
            } catch (NumberFormatException e) {
                fieldErrors.put("dailyCost", "enter an amount in US dollars, e.g. 25 or 12.50");
            }
        }
        try {
            alert = Integer.parseInt(alertPercent.get().strip().replace("%", ""));
            if (alert < 1 || alert > 100) {
                fieldErrors.put("alertPercent", "enter a percentage from 1 to 100");
            }
        } catch (NumberFormatException e) {
            fieldErrors.put("alertPercent", "enter a percentage from 1 to 100");
        }
        Integer pinned = null;
        String version = policyVersion.get();
        if (version != null && version.startsWith("v")) {
            pinned = Integer.parseInt(version.substring(1));
        }
        if (!fieldErrors.isEmpty()) {
            return null;
        }
        Set<DataClass> classes = EnumSet.noneOf(DataClass.class);
        dataClasses.forEach((c, p) -> {
            if (p.get()) {
                classes.add(c);
            }
        });
        String policyName = NO_POLICY.equals(policy.get()) ? null : policy.get();
        return new AgentProfile(id.get(), name.get(), owner.get(), purpose.get(), vendor.get(), model.get(),
                fallbackModel.get(), classes, new DailyBudget(tokens, cost, alert), policyName,
                policyName == null ? null : pinned);
    }

    private void loadPolicyVersions(String policyName) {
        if (policyName == null || NO_POLICY.equals(policyName)) {
            policyVersions.setAll(FOLLOW_ACTIVE);
            policyVersion.set(FOLLOW_ACTIVE);
            return;
        }
        context.background().run(() -> context.workspace().policies().versions(policyName), versions -> {
            if (!policyName.equals(policy.get())) {
                return;
            }
            String chosen = policyVersion.get();
            List<String> items = new ArrayList<>(List.of(FOLLOW_ACTIVE));
            for (PolicyVersion v : versions) {
                items.add("v" + v.version());
            }
            policyVersions.setAll(items);
            policyVersion.set(items.contains(chosen) ? chosen : FOLLOW_ACTIVE);
        }, this::failed);
    }

    static String describeStatus(Agent agent) {
        return agent.id() + " · " + switch (agent.status()) {
            case ACTIVE -> "active";
            case PAUSED -> "paused: " + agent.statusReason();
            case RETIRED -> "retired: " + agent.statusReason();
        };
    }

    private void failed(Throwable failure) {
        if (failure instanceof InvalidAgentException invalid) {
            for (FieldProblem p : invalid.problems()) {
                fieldErrors.put(p.field(), p.message());
            }
            showError("Fix the marked fields.");
            return;
        }
        showError(Dialogs.messageOf(failure));
    }

    private void showError(String text) {
        outcome.error(text);
    }

    private void showInfo(String text) {
        outcome.info(text);
    }
}
