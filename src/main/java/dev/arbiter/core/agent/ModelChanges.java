package dev.arbiter.core.agent;

import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditLedger;
import dev.arbiter.core.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Model change management (issue 17; the guide's Pillar 5: "a model update can change agent behavior.
 * Pin model versions and test before upgrading"). Changing an agent's pinned or fallback model is a
 * request (who, why, evidence it was tested) that is approved or rejected, and an approved request is
 * then applied: only applying it changes the agent. A direct edit of a model already pinned is refused
 * by {@link AgentRegistry#update}, which points here. Each step is an audit entry in the same
 * transaction as the change; two people deciding the same request at once: the first wins and the
 * other is told who decided.
 *
 * <p>Rules where the issue is silent: the new version must pass {@link ModelVersion}; a JUnit report
 * is read when the request is made and must show at least one test and no failure or error; one open
 * request per agent and model role; a request whose agent's model changed meanwhile cannot be applied
 * (it was tested against another starting point); the requester may approve their own request (one-person
 * teams) but it is recorded and reported as self-approved.
 */
public final class ModelChanges {

    public static final int MAX_TEXT = 2000;

    private final Database database;
    private final AuditLedger ledger;
    private final AgentRegistry agents;
    private final Clock clock;

    public ModelChanges(Database database, AuditLedger ledger, AgentRegistry agents, Clock clock) {
        this.database = database;
        this.ledger = ledger;
        this.agents = agents;
        this.clock = clock;
    }

    /** Every request, newest first; only those of {@code agentId} when it is not null. */
    public List<ModelChangeRequest> list(String agentId) {
        String id = agentId == null ? null : AgentId.canonical(agentId);
        return database.read(c -> ModelChangeStore.list(c, id));
    }

    /** Requests still requested or approved, newest first. */
    public List<ModelChangeRequest> open() {
        return list(null).stream().filter(r -> r.status().isOpen()).toList();
    }

    /** @throws ModelChangeException when there is no such request */
    public ModelChangeRequest get(long id) {
        return database.read(c -> ModelChangeStore.find(c, id)).orElseThrow(() -> new ModelChangeException(
                "There is no model change request " + id + "; see: arbiter agent model list"));
    }

    /** Evidence from a JUnit XML report file, read now. @throws ModelChangeException naming what is wrong */
    public static TestEvidence junitReport(Path file) {
        return JUnitReports.read(file);
    }

    /**
     * Asks to change {@code agentId}'s {@code role} model to {@code toModel}.
     *
     * @throws ModelChangeException naming the field: unknown or retired agent, an unpinned version, the same
     *         model, no reason, no or failing evidence, another open request
     */
    public ModelChangeRequest request(String agentId, ModelRole role, String toModel, String reason,
                                      TestEvidence evidence, String actor) {
        Agent agent = agents.find(agentId).orElseThrow(() -> new ModelChangeException(
                "agent: there is no agent with id " + agentId));
        if (agent.isRetired()) {
            throw new ModelChangeException("agent: " + agent.id() + " is retired; its models stay as they were");
        }
        String to = toModel == null ? "" : toModel.strip();
        ModelVersion.problemWith(to).ifPresent(p -> {
            throw new ModelChangeException("to: " + p);
        });
        String from = role.of(agent.profile());
        if (to.equals(from)) {
            throw new ModelChangeException("to: " + agent.id() + " already runs " + to + " as its " + role.label());
        }
        if (role == ModelRole.FALLBACK && to.equals(agent.profile().model())) {
            throw new ModelChangeException("to: " + to + " is the pinned model itself; a fallback must be another "
                    + "model");
        }
        String why = requireText("reason", reason, "say why the model changes (e.g. the old one is retired)");
        requireEvidence(evidence);
        Instant now = clock.instant();
        long id = database.write(tx -> {
            Optional<ModelChangeRequest> open = ModelChangeStore.open(tx.connection(), agent.id(), role);
            if (open.isPresent()) {
                throw new ModelChangeException(agent.id() + " already has an open request for its " + role.label()
                        + ": #" + open.get().id() + " (" + open.get().toModel() + ", " + open.get().status().label()
                        + "); decide or reject it first");
            }
            long newId = ModelChangeStore.insert(tx.connection(), agent.id(), role, from, to, why, evidence, actor,
                    now);
            ledger.appendWithin(tx, AuditEntry.of("model_change.requested").agentId(agent.id()).actor(actor)
                    .detail(AuditDetail.of("request", newId, "role", role.label(), "from", from, "to", to,
                            "reason", why, "evidence", evidence.describe()))
                    .build());
            return newId;
        });
        return get(id);
    }

    /** Approves a requested change. @throws ModelChangeException when it is not waiting for a decision */
    public ModelChangeRequest approve(long id, String note, String actor) {
        String n = optionalText("note", note);
        return decide(id, ModelChangeStatus.APPROVED, n, actor);
    }

    /** Rejects a requested or approved (not yet applied) change; a reason is required. */
    public ModelChangeRequest reject(long id, String reason, String actor) {
        String why = requireText("reason", reason, "say why the change is rejected");
        return decide(id, ModelChangeStatus.REJECTED, why, actor);
    }

    private ModelChangeRequest decide(long id, ModelChangeStatus target, String note, String actor) {
        Instant now = clock.instant();
        database.write(tx -> {
            ModelChangeRequest r = ModelChangeStore.find(tx.connection(), id).orElseThrow(() -> unknown(id));
            refuseMove(r, target);
            if (!ModelChangeStore.decide(tx.connection(), id, r.status(), target, actor, note, now)) {
                throw new ModelChangeException("Request #" + id + " changed meanwhile; look at it again");
            }
            ledger.appendWithin(tx, AuditEntry.of("model_change." + target.label()).agentId(r.agentId()).actor(actor)
                    .humanOverride(true)
                    .detail(AuditDetail.of("request", id, "role", r.role().label(), "from", r.fromModel(), "to",
                            r.toModel(), "note", note, "self_approved", target == ModelChangeStatus.APPROVED
                                    && actor.equals(r.requestedBy())))
                    .build());
            return null;
        });
        return get(id);
    }

    /**
     * Applies an approved change: the agent's model becomes the requested one, in the same transaction
     * as the request's step and its audit entry.
     *
     * @throws ModelChangeException when the request is not approved, the agent is retired, or its model
     *         changed since the request was made
     */
    public ModelChangeRequest apply(long id, String actor) {
        Instant now = clock.instant();
        Agent changed = database.write(tx -> {
            ModelChangeRequest r = ModelChangeStore.find(tx.connection(), id).orElseThrow(() -> unknown(id));
            refuseMove(r, ModelChangeStatus.APPLIED);
            Agent agent = AgentStore.find(tx.connection(), r.agentId()).orElseThrow(() -> new ModelChangeException(
                    "agent: " + r.agentId() + " is no longer registered"));
            if (agent.isRetired()) {
                throw new ModelChangeException(agent.id() + " is retired; reject request #" + id);
            }
            String current = r.role().of(agent.profile());
            if (!current.equals(r.fromModel())) {
                throw new ModelChangeException(agent.id() + "'s " + r.role().label() + " is now " + current
                        + ", not " + r.fromModel() + " as when request #" + id + " was made: reject it and request "
                        + "the change again from the current model");
            }
            if (!ModelChangeStore.applied(tx.connection(), id, actor, now)) {
                throw new ModelChangeException("Request #" + id + " changed meanwhile; look at it again");
            }
            AgentProfile profile = r.role().with(agent.profile(), r.toModel());
            AgentStore.updateProfile(tx.connection(), profile, now);
            ledger.appendWithin(tx, AuditEntry.of("agent.model_changed").agentId(agent.id()).actor(actor)
                    .detail(AuditDetail.of("request", id, "role", r.role().label(), "from", r.fromModel(),
                            "to", r.toModel(), "requested_by", r.requestedBy(), "approved_by", r.decidedBy(),
                            "evidence", r.evidence().describe()))
                    .build());
            return new Agent(profile, agent.status(), agent.statusReason(), agent.createdAt(), now);
        });
        agents.modelChanged(changed);
        return get(id);
    }

    private static void refuseMove(ModelChangeRequest r, ModelChangeStatus target) {
        if (r.status().canMoveTo(target)) {
            return;
        }
        String who = r.status() == ModelChangeStatus.APPLIED ? " by " + r.appliedBy() + " at " + r.appliedAt()
                : r.decidedBy() == null ? "" : " by " + r.decidedBy() + " at " + r.decidedAt();
        String next = switch (r.status()) {
            case REQUESTED -> "; approve it first";
            case APPROVED -> "; apply or reject it";
            case REJECTED, APPLIED -> "; it is final. Make a new request for another change";
        };
        throw new ModelChangeException("Request #" + r.id() + " is already " + r.status().label() + who + next);
    }

    private static ModelChangeException unknown(long id) {
        return new ModelChangeException("There is no model change request " + id + "; see: arbiter agent model list");
    }

    private static String requireText(String field, String text, String hint) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new ModelChangeException(field + ": required; " + hint);
        }
        return optionalText(field, t);
    }

    private static String optionalText(String field, String text) {
        String t = text == null ? "" : text.strip();
        if (t.length() > MAX_TEXT) {
            throw new ModelChangeException(field + ": at most " + MAX_TEXT + " characters, not " + t.length());
        }
        return t;
    }

    private static void requireEvidence(TestEvidence evidence) {
        if (evidence == null) {
            throw new ModelChangeException("evidence: required; give the JUnit report of the test run on the new "
                    + "model or a reference to it");
        }
        if (evidence instanceof TestEvidence.JUnitReport j) {
                if (j.tests() == 0) {
                    throw new ModelChangeException("evidence: " + j.path() + " holds no tests; run the agent's "
                            + "test suite against the new model and give that report");
                }
                if (j.failures() + j.errors() > 0) {
                    throw new ModelChangeException("evidence: " + j.path() + " shows " + j.failures()
                            + " failures and " + j.errors() + " errors; a model change needs a passing test run");
                }
        } else if (evidence instanceof TestEvidence.Reference ref) {
                String t = ref.text() == null ? "" : ref.text().strip();
                if (t.isEmpty()) {
                    throw new ModelChangeException("evidence: required; give the JUnit report of the test run on the "
                            + "new model or a reference to it");
                }
                if (t.length() > 500) {
                    throw new ModelChangeException("evidence: at most 500 characters, not " + t.length());
                }
        }
    }
}
