package dev.arbiter.core.agent;

import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditLedger;
import dev.arbiter.core.event.Events;
import dev.arbiter.core.event.WorkspaceChanged;
import dev.arbiter.core.policy.PolicyRegistry;
import dev.arbiter.core.store.Database;
import dev.arbiter.core.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The registry of agents: add, edit, pause, resume, retire, search. Every
 * change is an audit entry in the same transaction. Retired agents are kept
 * (the audit log refers to them) and their ids are never reused.
 *
 * <p>The gateway asks {@link #find} on every request, so the registry is held
 * in memory and reloaded when the database changes, including when another
 * process paused an agent.
 */
public final class AgentRegistry {

    /**
     * How the reason of a pause for time-boxed autonomy starts: such an agent
     * waits for a person to look at its recent actions, so resuming it is a
     * review (audited as one, and its autonomy starts afresh).
     */
    public static final String OVERSIGHT_PAUSE = "time-boxed autonomy used up";

    private final Database database;
    private final AuditLedger ledger;
    private final Events events;
    private final Clock clock;
    private final PolicyRegistry policies;
    private volatile Map<String, Agent> agents;

    public AgentRegistry(Database database, AuditLedger ledger, Events events, Clock clock, PolicyRegistry policies) {
        this.database = database;
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
        this.policies = policies;
        this.agents = load();
        events.subscribe(WorkspaceChanged.class, e -> {
            if (e.touches("agent")) {
                reload();
            }
        });
    }

    /** The agent with {@code id} in its canonical (lower-case) form, see {@link AgentId}. */
    public Optional<Agent> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(agents.get(AgentId.canonical(id)));
    }

    /** Agents matching {@code search} (any field, ignoring case): active first, then paused, then retired. */
    public List<Agent> list(String search, boolean includeRetired) {
        return agents.values().stream()
                .filter(a -> includeRetired || !a.isRetired())
                .filter(a -> a.matches(search))
                .sorted(Comparator.comparing(Agent::status).thenComparing(Agent::id))
                .toList();
    }

    /** Agents (not retired) that run under {@code policyName}. */
    public List<Agent> usingPolicy(String policyName) {
        return agents.values().stream()
                .filter(a -> !a.isRetired() && Objects.equals(a.profile().policyName(), policyName))
                .sorted(Comparator.comparing(Agent::id))
                .toList();
    }

    /** What is wrong with a profile before saving it (empty when nothing); {@code adding} checks the id is new. */
    public List<FieldProblem> problemsWith(AgentProfile p, boolean adding) {
        List<FieldProblem> problems = new ArrayList<>();
        if (p.id().isEmpty()) {
            problems.add(new FieldProblem("id", "enter the agent_id the agent sends, e.g. support-agent-v2"));
        } else if (adding && AgentId.problemRegistering(p.id()).isPresent()) {
            problems.add(new FieldProblem("id", AgentId.problemRegistering(p.id()).get()));
        } else if (!adding && AgentId.problemWith(p.id()).isPresent()) {
            problems.add(new FieldProblem("id", AgentId.problemWith(p.id()).get()));
        } else if (adding && sameIdIgnoringCase(p.id()).isPresent()) {
            Agent existing = sameIdIgnoringCase(p.id()).get();
            problems.add(new FieldProblem("id", "an agent with id " + existing.id() + " already exists"
                    + (existing.isRetired() ? " (retired; ids are never reused)" : "")));
        }
        if (p.name().isEmpty()) {
            problems.add(new FieldProblem("name", "enter a name people will recognise"));
        }
        if (p.owner().isEmpty()) {
            problems.add(new FieldProblem("owner", "enter who is accountable for this agent"));
        }
        if (!p.vendor().isEmpty() && p.model().isEmpty()) {
            problems.add(new FieldProblem("model", "enter the pinned model version the agent runs on"));
        }
        if (!p.model().isEmpty()) {
            ModelVersion.problemWith(p.model()).ifPresent(why -> problems.add(new FieldProblem("model", why)));
        }
        if (!p.fallbackModel().isEmpty()) {
            ModelVersion.problemWith(p.fallbackModel())
                    .ifPresent(why -> problems.add(new FieldProblem("fallbackModel", why)));
        }
        if (p.policyName() == null) {
            if (p.policyVersion() != null) {
                problems.add(new FieldProblem("policy", "choose the policy whose version " + p.policyVersion()
                        + " you want to pin"));
            }
        } else if (!policies.exists(p.policyName())) {
            problems.add(new FieldProblem("policy", "there is no policy named " + p.policyName()
                    + "; import it first"));
        } else if (p.policyVersion() != null && policies.version(p.policyName(), p.policyVersion()).isEmpty()) {
            problems.add(new FieldProblem("policyVersion", p.policyName() + " has no version " + p.policyVersion()));
        }
        return problems;
    }

    public Agent add(AgentProfile profile, String actor) {
        List<FieldProblem> problems = problemsWith(profile, true);
        if (!problems.isEmpty()) {
            throw new InvalidAgentException(problems);
        }
        Instant now = clock.instant();
        Agent agent = new Agent(profile, AgentStatus.ACTIVE, null, now, now);
        database.write(tx -> {
            Optional<String> clash = AgentStore.idIgnoringCase(tx.connection(), profile.id());
            if (clash.isPresent()) {
                throw new InvalidAgentException(List.of(new FieldProblem("id", "an agent with id " + clash.get()
                        + " already exists")));
            }
            AgentStore.insert(tx.connection(), agent);
            ledger.appendWithin(tx, AuditEntry.of("agent.added").agentId(profile.id()).actor(actor)
                    .detail(AuditDetail.of("name", profile.name(), "owner", profile.owner(),
                            "model", describeModel(profile), "policy", describePolicy(profile)))
                    .build());
            return null;
        });
        changed(agent);
        return agent;
    }

    /** Saves an edited profile (the id names the agent); records which fields changed, before and after. */
    public Agent update(AgentProfile profile, String actor) {
        List<FieldProblem> problems = problemsWith(profile, false);
        if (!problems.isEmpty()) {
            throw new InvalidAgentException(problems);
        }
        Instant now = clock.instant();
        Agent updated = database.write(tx -> {
            Agent before = AgentStore.find(tx.connection(), profile.id())
                    .orElseThrow(() -> unknown(profile.id()));
            if (before.isRetired()) {
                throw new IllegalArgumentException(profile.id() + " is retired; retired agents are kept as they "
                        + "were for the record. Add a new agent instead.");
            }
            refuseDirectModelChange(before.profile(), profile);
            Map<String, Object> changes = changes(before.profile(), profile);
            if (changes.isEmpty()) {
                return before;
            }
            AgentStore.updateProfile(tx.connection(), profile, now);
            ledger.appendWithin(tx, AuditEntry.of("agent.updated").agentId(profile.id()).actor(actor)
                    .detail(AuditDetail.of("changes", changes)).build());
            return new Agent(profile, before.status(), before.statusReason(), before.createdAt(), now);
        });
        changed(updated);
        return updated;
    }

    /**
     * A model already pinned changes only through a change request ({@link ModelChanges}: who, why,
     * evidence it was tested); pinning the first model of an agent that had none is a plain edit.
     */
    private static void refuseDirectModelChange(AgentProfile before, AgentProfile after) {
        for (ModelRole role : ModelRole.values()) {
            String was = role.of(before);
            if (!was.isEmpty() && !was.equals(role.of(after))) {
                throw new InvalidAgentException(List.of(new FieldProblem(role == ModelRole.PINNED ? "model"
                        : "fallbackModel", "the " + role.label() + " " + was + " changes only through a change "
                        + "request with evidence it was tested: arbiter agent model request " + after.id()
                        + (role == ModelRole.PINNED ? "" : " --role fallback") + " --to VERSION --reason TEXT "
                        + "--evidence FILE, or the Vendors screen")));
            }
        }
    }

    /**
     * Within a vendor rename's transaction: every active agent whose vendor field names the vendor by
     * its old name ({@code oldName}, ignoring case and surrounding space) is moved to the vendor's
     * stable key {@code vendorId}, each with an {@code agent.updated} audit entry in {@code tx}. Retired
     * agents keep their record as it was. The registry reloads and tells listeners once {@code tx}
     * commits.
     *
     * @return the ids of the agents moved, by id
     */
    public List<String> relinkVendorWithin(Tx tx, String oldName, String vendorId, String actor, Instant now)
            throws java.sql.SQLException {
        String old = oldName == null ? "" : oldName.strip();
        List<String> moved = new ArrayList<>();
        if (old.isEmpty() || old.equalsIgnoreCase(vendorId)) {
            return moved;
        }
        for (Agent a : AgentStore.all(tx.connection()).values().stream()
                .sorted(Comparator.comparing(Agent::id)).toList()) {
            AgentProfile p = a.profile();
            if (a.isRetired() || !p.vendor().strip().equalsIgnoreCase(old)) {
                continue;
            }
            AgentProfile relinked = new AgentProfile(p.id(), p.name(), p.owner(), p.purpose(), vendorId, p.model(),
                    p.fallbackModel(), p.dataClasses(), p.budget(), p.policyName(), p.policyVersion());
            AgentStore.updateProfile(tx.connection(), relinked, now);
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("from", p.vendor());
            change.put("to", vendorId);
            ledger.appendWithin(tx, AuditEntry.of("agent.updated").agentId(p.id()).actor(actor)
                    .detail(AuditDetail.of("changes", Map.of("vendor", change), "why",
                            "vendor " + vendorId + " renamed from " + old)).build());
            moved.add(p.id());
        }
        if (!moved.isEmpty()) {
            tx.afterCommit(() -> {
                reload();
                moved.forEach(id -> find(id).ifPresent(a -> events.publish(new AgentChanged(a.id(), a.status()))));
            });
        }
        return moved;
    }

    /** The agent's model changed through an applied change request (written by {@link ModelChanges}). */
    void modelChanged(Agent agent) {
        changed(agent);
    }

    public Agent pause(String id, String reason, String actor) {
        return setStatus(id, AgentStatus.PAUSED, reason, actor);
    }

    /** Pauses an agent whose time-boxed autonomy is used up ({@code why}: which limit), until a person resumes it. */
    public Agent pauseForOversight(String id, String why, String actor) {
        return pause(id, OVERSIGHT_PAUSE + " (" + why + "); review its recent actions and resume it", actor);
    }

    public Agent resume(String id, String reason, String actor) {
        return setStatus(id, AgentStatus.ACTIVE, reason, actor);
    }

    public Agent retire(String id, String reason, String actor) {
        return setStatus(id, AgentStatus.RETIRED, reason, actor);
    }

    private Agent setStatus(String typedId, AgentStatus target, String reason, String actor) {
        String id = AgentId.canonical(typedId);
        String verb = switch (target) {
            case ACTIVE -> "resume";
            case PAUSED -> "pause";
            case RETIRED -> "retire";
        };
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("A reason is required to " + verb + " an agent.");
        }
        Instant now = clock.instant();
        Agent result = database.write(tx -> {
            Agent before = AgentStore.find(tx.connection(), id).orElseThrow(() -> unknown(id));
            if (before.isRetired()) {
                throw new IllegalArgumentException(id + " is retired; a retired agent cannot be " + verb + "d.");
            }
            if (before.status() == target) {
                throw new IllegalArgumentException(id + " is already " + target.wireName() + ".");
            }
            AgentStore.updateStatus(tx.connection(), id, target, reason.strip(), now);
            // Resuming an agent that waits for oversight is the review it waited for: say so in the ledger.
            boolean review = target == AgentStatus.ACTIVE && before.isPausedForOversight();
            ledger.appendWithin(tx, AuditEntry.of("agent." + (target == AgentStatus.ACTIVE ? "resumed"
                            : target.wireName())).agentId(id).actor(actor)
                    .humanOverride(target != AgentStatus.ACTIVE || review)
                    .reasonCode(target == AgentStatus.PAUSED ? "AGENT_PAUSED" : null)
                    .detail(review
                            ? AuditDetail.of("reason", reason.strip(), "previous", before.status().wireName(),
                                    "review", "time-boxed autonomy", "paused_for", before.statusReason())
                            : AuditDetail.of("reason", reason.strip(), "previous", before.status().wireName()))
                    .build());
            return new Agent(before.profile(), target, reason.strip(), before.createdAt(), now);
        });
        changed(result);
        return result;
    }

    private static IllegalArgumentException unknown(String id) {
        return new IllegalArgumentException("There is no agent with id " + id + ".");
    }

    private static Map<String, Object> changes(AgentProfile a, AgentProfile b) {
        Map<String, Object> changes = new LinkedHashMap<>();
        diff(changes, "name", a.name(), b.name());
        diff(changes, "owner", a.owner(), b.owner());
        diff(changes, "purpose", a.purpose(), b.purpose());
        diff(changes, "vendor", a.vendor(), b.vendor());
        diff(changes, "model", a.model(), b.model());
        diff(changes, "fallback_model", a.fallbackModel(), b.fallbackModel());
        diff(changes, "data_classes", a.dataClasses().stream().sorted().map(Object::toString).toList(),
                b.dataClasses().stream().sorted().map(Object::toString).toList());
        diff(changes, "daily_tokens", a.budget().tokens(), b.budget().tokens());
        diff(changes, "daily_cost_usd", a.budget().costUsd() == null ? null : a.budget().costUsd().toPlainString(),
                b.budget().costUsd() == null ? null : b.budget().costUsd().toPlainString());
        diff(changes, "budget_alert_percent", a.budget().alertPercent(), b.budget().alertPercent());
        diff(changes, "policy", describePolicy(a), describePolicy(b));
        return changes;
    }

    private static void diff(Map<String, Object> changes, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("from", before);
            change.put("to", after);
            changes.put(field, change);
        }
    }

    private static String describeModel(AgentProfile p) {
        return p.vendor().isEmpty() ? p.model() : p.vendor() + " " + p.model();
    }

    private static String describePolicy(AgentProfile p) {
        if (p.policyName() == null) {
            return null;
        }
        return p.policyVersion() == null ? p.policyName() + " (active version)" : p.policyName() + " v"
                + p.policyVersion();
    }

    private Optional<Agent> sameIdIgnoringCase(String id) {
        return agents.values().stream().filter(a -> a.id().equalsIgnoreCase(id)).findFirst();
    }

    private void changed(Agent agent) {
        reload();
        events.publish(new AgentChanged(agent.id(), agent.status()));
    }

    public void reload() {
        agents = load();
    }

    private Map<String, Agent> load() {
        return java.util.Collections.unmodifiableMap(database.read(AgentStore::all));
    }
}
