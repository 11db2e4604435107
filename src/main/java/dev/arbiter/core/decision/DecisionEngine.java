package dev.arbiter.core.decision;

import dev.arbiter.core.policy.RiskTier;
import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.core.agent.Agent;
import dev.arbiter.core.agent.AgentRegistry;
import dev.arbiter.core.agent.AgentStatus;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditLedger;
import dev.arbiter.core.audit.AuditReader;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.audit.LedgerUnavailableException;
import dev.arbiter.core.control.KillSwitch;
import dev.arbiter.core.control.KillSwitchState;
import dev.arbiter.core.event.Events;
import dev.arbiter.core.policy.ActionName;
import dev.arbiter.core.policy.AgentPolicy;
import dev.arbiter.core.policy.DailyBudget;
import dev.arbiter.core.policy.PolicyInForce;
import dev.arbiter.core.policy.PolicyRegistry;
import dev.arbiter.core.shadow.ShadowAssignment;
import dev.arbiter.core.shadow.ShadowRegistry;
import dev.arbiter.core.store.Database;
import dev.arbiter.core.store.StoreException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether an agent may take an action, and records the answer in the
 * audit ledger before anyone sees it. The checks, in order; the first that
 * refuses decides:
 * <ol>
 * <li>kill switch (global or the agent's) — KILL_SWITCH;</li>
 * <li>the agent is unknown, paused or retired — NO_POLICY, AGENT_PAUSED;</li>
 * <li>the agent has no policy in force — NO_POLICY;</li>
 * <li>the policy: denied actions, allowed actions, network targets — {@link PolicyEvaluator};</li>
 * <li>rate limits: actions per minute, and for gated actions escalations per hour — RATE_LIMITED,
 *     ESCALATION_LIMIT;</li>
 * <li>the daily token and cost budget — BUDGET_EXCEEDED;</li>
 * <li>time-boxed autonomy: too many actions or minutes without a human review pauses the agent —
 *     AUTONOMY_LIMIT;</li>
 * <li>the tier from risk score, confidence and overrides: autonomous (ALLOWED), supervised
 *     (SUPERVISED_ALLOWED, queued for review by the SLA) or gated (PENDING_APPROVAL, queued for a
 *     reviewer).</li>
 * </ol>
 * No HTTP here: the gateway is one caller, the simulator and benchmark others.
 * Thread-safe; {@link #decide} does no I/O of its own on the common path (the
 * ledger write is group-committed by the ledger's writer thread).
 */
public final class DecisionEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DecisionEngine.class);
    /** The actor of the engine's own entries (a decision, an automatic pause). */
    public static final String ACTOR = "gateway";

    /** The detail field of a decision entry that holds the would-be decision of the agent's shadow version. */
    public static final String SHADOW = "shadow";

    /**
     * The member of a {@link #SHADOW} object in its short form ({@code "agrees":true}): the shadow version
     * answered with the reason code and tier the entry itself records, so its full answer is not repeated.
     */
    public static final String SHADOW_AGREES = "agrees";

    /** The detail field of a queued decision's audit entry that holds its risk factors. */
    public static final String RISK_FACTORS = "risk_factors";

    private final AgentRegistry agents;
    private final PolicyRegistry policies;
    private final KillSwitch killSwitch;
    private final Escalations queue;
    private final AuditLedger ledger;
    private final AuditReader reader;
    private final Clock clock;
    private final PolicyEvaluator evaluator = new PolicyEvaluator();
    private final Counters counters;
    private final TraceIds traceIds;
    private final ShadowRegistry shadows;
    private final ShadowJudge shadowJudge;

    /**
     * An engine over the workspace's services. {@code events} is not used
     * today (the engine keeps no subscriptions); the parameter keeps the
     * signature its callers share.
     */
    public DecisionEngine(Database database, AuditLedger ledger, AuditReader reader, Events events,
                          AgentRegistry agents, PolicyRegistry policies, KillSwitch killSwitch, Escalations queue,
                          ShadowRegistry shadows, Clock clock) {
        this.agents = agents;
        this.policies = policies;
        this.killSwitch = killSwitch;
        this.queue = queue;
        this.ledger = ledger;
        this.reader = reader;
        this.clock = clock;
        this.counters = new Counters(database);
        this.traceIds = new TraceIds(database);
        this.shadows = shadows;
        this.shadowJudge = new ShadowJudge(evaluator);
    }

    /**
     * What the checks said, before it is written down; {@code passedPolicy}
     * when only the shared counters (rate, budget, autonomy) can still refuse.
     */
    private record Ruling(ReasonCode code, String reason, boolean passedPolicy) {
        Ruling(ReasonCode code, String reason) {
            this(code, reason, false);
        }
    }

    /**
     * Decides and records. The returned future completes with the decision once
     * its audit entry (and, for a supervised or gated action, its queue item) is
     * durable, or fails with {@link LedgerUnavailableException}: then nothing
     * may be answered but "unavailable".
     */
    public CompletableFuture<Decision> decide(DecisionRequest request) {
        Instant now = clock.instant();
        String traceId;
        try {
            traceId = traceIds.next(now);
        } catch (StoreException e) {
            return CompletableFuture.failedFuture(new LedgerUnavailableException(
                    "Cannot number the decision: " + e.getMessage(), e));
        }
        String agentId = request.agentId();
        Optional<Agent> agent = agents.find(agentId);
        PolicyInForce policy = agent.flatMap(a -> policies.inForce(a.profile().policyName(),
                a.profile().policyVersion())).orElse(null);
        Evaluation evaluation = policy == null ? null : evaluator.evaluate(policy.policy(), request.toActionRequest());
        DailyBudget budget = agent.map(a -> budgetOf(a, policy)).orElse(DailyBudget.NONE);
        Ruling ruling = rule(request, agent.orElse(null), policy, evaluation, now);
        ShadowCheck shadow = shadowOf(request, agent.orElse(null), ruling);
        CounterClaim claim = new CounterClaim(counters, agentId, now, Saturating.tokens(request.tokensConsumed()),
                Saturating.usd(request.costUsd()), budget, ruling.passedPolicy()
                        ? new CounterClaim.Checks(policy.policy(), " (policy " + policy.label() + ")", evaluation.tier())
                        : null, shadow, new CounterClaim.Written(ruling.code(), evaluation == null ? null
                        : evaluation.tier()));
        return record(request, policy, evaluation, ruling, claim, traceId, now)
                .exceptionallyCompose(failure -> {
                    if (!(unwrap(failure) instanceof CounterRefusal refusal)) {
                        return CompletableFuture.failedFuture(unwrap(failure));
                    }
                    if (refusal.code() == ReasonCode.AUTONOMY_LIMIT) {
                        pauseForOversight(agentId, refusal.getMessage());
                    }
                    return record(request, policy, evaluation, new Ruling(refusal.code(), refusal.getMessage()),
                            claim.spendOnly(refusal.code()), traceId, now);
                });
    }

    /**
     * Writes a ruling: the decision's audit entry with its counter claim (and,
     * for a supervised or gated action, its queue item) in the next group
     * commit; then a budget alert if this decision crossed the alert share.
     */
    private CompletableFuture<Decision> record(DecisionRequest request, PolicyInForce policy, Evaluation evaluation,
                                               Ruling ruling, CounterClaim claim, String traceId, Instant now) {
        String agentId = request.agentId();
        RiskTier tier = evaluation == null ? null : evaluation.tier();
        Double risk = evaluation == null ? null : evaluation.riskScore();
        Verdict verdict = ruling.code().verdict();
        Instant reviewDue = null;
        if (ruling.code() == ReasonCode.SUPERVISED_ALLOWED) {
            reviewDue = now.plus(policy.policy().reviewSla());
        } else if (ruling.code() == ReasonCode.PENDING_APPROVAL) {
            reviewDue = now.plus(policy.policy().approvalTimeout());
        }
        // the canonical name is what was matched and what the ledger and queue show; the spelling sent is
        // kept beside it in the entry's detail when it differs (only in letter case, see ActionName)
        String action = ActionName.read(request.action()) instanceof ActionName.Canonical c ? c.name().text()
                : request.action();
        Decision decision = new Decision(traceId, agentId, request.sessionId(), action, verdict, tier, risk,
                ruling.code(), ruling.reason(), policy == null ? null : policy.name(),
                policy == null ? null : policy.version(), now, reviewDue, null, null);
        // Sensitive context fields are masked before anything is recorded; the subject is read from what was sent,
        // before masking. The context is parsed once for both.
        JsonNode context = DataSubject.parse(request.contextJson());
        String subject = DataSubject.of(context);
        DecisionRequest recorded = request.withContextJson(ContextMask.apply(request.contextJson(), context,
                policy == null ? dev.arbiter.core.policy.McpTools.DEFAULT : policy.policy().mcpTools()));
        AuditEntry entry = DecisionEntries.decision(recorded, decision, evaluation == null ? null : evaluation.risk(),
                subject);
        if (reviewDue == null) {
            return ledger.appendAsync(entry, claim).thenApply(written -> {
                alertIfCrossed(agentId, claim);
                return decision;
            });
        }
        return queue.enqueue(decision, recorded, entry, claim).thenApply(queued -> {
            alertIfCrossed(agentId, claim);
            return queued;
        });
    }

    private void alertIfCrossed(String agentId, CounterClaim claim) {
        BudgetTracker.Tally tally = claim.tally();
        if (tally != null && tally.crossedAlert()) {
            ledger.appendAsync(DecisionEntries.budgetAlert(agentId, claim.budget(), tally.spent()));
        }
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private Ruling rule(DecisionRequest request, Agent agent, PolicyInForce policy, Evaluation evaluation,
                        Instant now) {
        String agentId = request.agentId();
        if (killSwitch.isEngagedFor(agentId)) {
            return new Ruling(ReasonCode.KILL_SWITCH, killSwitchReason(agentId));
        }
        if (agent == null) {
            return new Ruling(ReasonCode.NO_POLICY, "agent " + agentId + " is not registered in Arbiter; "
                    + "add it to the agent registry and assign a policy");
        }
        if (agent.status() != AgentStatus.ACTIVE) {
            return new Ruling(ReasonCode.AGENT_PAUSED, "agent " + agentId + " is " + agent.status().wireName()
                    + (agent.statusReason() == null ? "" : ": " + agent.statusReason()));
        }
        if (policy == null) {
            String name = agent.profile().policyName();
            return new Ruling(ReasonCode.NO_POLICY, name == null
                    ? "agent " + agentId + " has no policy assigned, and without one nothing is allowed"
                    : "policy " + name + " has no active version for agent " + agentId);
        }
        String cite = " (policy " + policy.label() + ")";
        if (!evaluation.allowed()) {
            return new Ruling(evaluation.code(), evaluation.rule() + cite);
        }
        // rate limits, budget and time-boxed autonomy are shared counters: the claim checks them
        // inside the ledger writer's transaction (CounterClaim)
        return new Ruling(evaluation.code(), evaluation.rule() + cite, true);
    }

    /**
     * The agent's shadow version's judgement when it has one (issue 19), else null; finished by the
     * claim inside the writer's transaction and recorded as the entry's {@code shadow} object. Never
     * enforced, and fail closed: a shadow that cannot be evaluated is recorded as such ({@code error})
     * and never changes the real decision or fails the request.
     */
    private ShadowCheck shadowOf(DecisionRequest request, Agent agent, Ruling ruling) {
        if (agent == null) {
            return null;
        }
        ShadowAssignment s = shadows.forAgent(agent.id()).orElse(null);
        if (s == null) {
            return null;
        }
        try {
            if (ruling.code() == ReasonCode.KILL_SWITCH || ruling.code() == ReasonCode.AGENT_PAUSED) {
                // refused before any policy: no version could answer otherwise
                return ShadowJudge.beforePolicy(s.policy(), s.version(), ruling.code(), ruling.reason());
            }
            AgentPolicy shadowPolicy = policies.compiled(s.policy(), s.version()).orElse(null);
            if (shadowPolicy == null) {
                return ShadowJudge.failing(s.policy(), s.version(), "version " + s.version() + " of policy "
                        + s.policy() + " cannot be read");
            }
            DailyBudget budget = budgetOf(agent, new PolicyInForce(s.policy(), s.version(), shadowPolicy, false));
            return shadowJudge.judge(s.policy(), s.version(), shadowPolicy, budget, request);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.warn("Shadow {} could not be evaluated for {}: {}", s.label(), request.agentId(), e.toString());
            return ShadowJudge.failing(s.policy(), s.version(), "the shadow could not be evaluated: " + e.getMessage());
        }
    }

    private String killSwitchReason(String agentId) {
        KillSwitchState global = killSwitch.global();
        KillSwitchState state = global.engaged() ? global : killSwitch.forAgent(agentId).orElse(global);
        return "the kill switch is engaged for " + (state.isGlobal() ? "all agents" : agentId)
                + (state.actor() == null || state.actor().isBlank() ? "" : " by " + state.actor())
                + (state.reason() == null || state.reason().isBlank() ? "" : ": " + state.reason());
    }

    private void pauseForOversight(String agentId, String why) {
        try {
            agents.pauseForOversight(agentId, why, ACTOR);
        } catch (IllegalArgumentException e) {
            LOG.debug("{} not paused: {}", agentId, e.getMessage()); // paused meanwhile by someone else
        }
    }

    /** Each limit the agent sets itself, else its policy's; the alert share of whichever sets limits. */
    private static DailyBudget budgetOf(Agent agent, PolicyInForce policy) {
        DailyBudget own = agent.profile().budget() == null ? DailyBudget.NONE : agent.profile().budget();
        DailyBudget policys = policy == null || policy.policy().budget() == null ? DailyBudget.NONE
                : policy.policy().budget();
        if (!policys.isLimited()) {
            return own;
        }
        return new DailyBudget(own.tokens() != null ? own.tokens() : policys.tokens(),
                own.costUsd() != null ? own.costUsd() : policys.costUsd(),
                own.isLimited() ? own.alertPercent() : policys.alertPercent());
    }

    /** The decision on {@code traceId} as it stands now; empty for an unknown id. */
    public Optional<Decision> find(String traceId) {
        if (!TraceIds.looksLike(traceId)) {
            return Optional.empty();
        }
        Optional<Decision> queued = queue.queuedDecision(traceId);
        if (queued.isPresent()) {
            return queued;
        }
        for (LedgerEntry e : reader.forTrace(traceId)) {
            if ("decision".equals(e.entry().event())) {
                return Optional.of(DecisionEntries.decisionOf(e.entry()));
            }
        }
        return Optional.empty();
    }

    /**
     * Completes when a pending decision is settled (approved, denied, timed
     * out), at once for one that is not pending. Cancel it to stop waiting.
     */
    public CompletableFuture<Optional<Decision>> whenSettled(String traceId) {
        if (!TraceIds.looksLike(traceId)) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return queue.whenSettled(traceId).thenApply(settled -> settled.isPresent() ? settled : find(traceId));
    }

    /**
     * Records what happened when an allowed action ran. Fails with
     * {@link IllegalStateException} when the action was never allowed; the
     * future fails with {@link OutcomeAlreadyRecorded} when the action has its outcome already (one per action,
     * claimed in the writer's transaction, so also across processes), and with
     * {@link LedgerUnavailableException} when the ledger cannot take it.
     */
    public CompletableFuture<LedgerEntry> recordOutcome(Decision decision, Outcome outcome) {
        if (!decision.wasAllowed()) {
            throw new IllegalStateException(decision.traceId() + " was never allowed (" + decision.verdict().wireName()
                    + ", " + decision.reasonCode() + "): there is no outcome to record");
        }
        Instant now = clock.instant();
        Agent agent = agents.find(decision.agentId()).orElse(null);
        DailyBudget budget = agent == null ? DailyBudget.NONE : budgetOf(agent, policyOf(agent));
        CounterClaim claim = CounterClaim.outcome(counters, decision.agentId(), now,
                Saturating.tokens(outcome.tokensConsumed()), Saturating.usd(outcome.costUsd()), budget);
        return ledger.appendAsync(DecisionEntries.outcome(decision, outcome, now), tx -> {
                    if (!DecisionStore.claimOutcome(tx.connection(), decision.traceId())) {
                        throw new OutcomeAlreadyRecorded(decision.traceId());
                    }
                    return claim.run(tx);
                }).thenApply(written -> {
                    alertIfCrossed(decision.agentId(), claim);
                    return written;
                });
    }

    private PolicyInForce policyOf(Agent agent) {
        return policies.inForce(agent.profile().policyName(), agent.profile().policyVersion()).orElse(null);
    }

    /** May {@code agentId} act at all: kill switch, pause, what is left of today's budget. */
    public AgentGateStatus status(String agentId) {
        Instant now = clock.instant();
        Agent agent = agents.find(agentId).orElse(null);
        DailyBudget budget = agent == null ? DailyBudget.NONE : budgetOf(agent, policyOf(agent));
        Spent spent = counters.budgets().spent(agentId, now);
        Long tokensLeft = budget.tokens() == null ? null : Counters.left(budget.tokens(), spent.tokens());
        Double usdLeft = budget.costUsd() == null ? null
                : Decimals.round2(Math.max(0, budget.costUsd().doubleValue() - spent.costUsd()));
        boolean paused = agent == null || agent.status() != AgentStatus.ACTIVE;
        return new AgentGateStatus(agentId, killSwitch.isEngagedFor(agentId), paused,
                agent == null ? null : agent.status(), tokensLeft, usdLeft);
    }

    /**
     * Nothing to release today: the engine keeps no subscriptions since the
     * shared counters (rate, budget, autonomy) live in the store. Kept so that
     * the workspace closes the engine like its other services.
     */
    @Override
    public void close() {
    }
}
