package dev.arbiter.core.policyqa;

import dev.arbiter.core.agent.Agent;
import dev.arbiter.core.agent.AgentRegistry;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.audit.AuditReader;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.policy.AgentPolicy;
import dev.arbiter.core.policy.DailyBudget;
import dev.arbiter.core.policy.PolicyRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Re-decides the recorded requests of a ledger range under a candidate policy
 * version, deterministically: the counters (rate windows, daily spend,
 * time-boxed autonomy) are rebuilt from the ledger itself, entry by entry in
 * chain order, never read from the live tables, so a replay gives the same
 * answer today and next year.
 *
 * <p>The rules:
 * <ul>
 * <li>decisions of agents deciding under the named policy are replayed ({@code detail.policy});</li>
 * <li>a decision refused before the policy (KILL_SWITCH, AGENT_PAUSED, NO_POLICY) keeps its recorded
 *     answer: the kill switch and the agent's status were what they were; only its spend counts;</li>
 * <li>{@code action.outcome} entries add their spend; {@code review.approved}, {@code review.denied},
 *     {@code agent.resumed} and {@code agent.added} restart time-boxed autonomy, as in the engine;</li>
 * <li>the state before {@code from} is rebuilt from the ledger from the start of {@code from}'s UTC
 *     day, or an hour before {@code from} if earlier (the widest rate window), so the first replayed
 *     decisions see the same windows and spend as then; those earlier decisions are not reported;</li>
 * <li>the budget is the agent's own (as registered now) merged with the candidate's, as the engine merges them.</li>
 * </ul>
 * Replaying each decision under the version recorded with it ({@code version} null) reproduces the
 * ledger's decisions; that is a test.
 */
public final class Replay {

    private static final Set<String> PRE_POLICY = Set.of("KILL_SWITCH", "AGENT_PAUSED", "NO_POLICY");
    private static final Set<String> HUMAN_REVIEW = Set.of("review.approved", "review.denied", "agent.resumed",
            "agent.added");

    private final AuditReader reader;
    private final PolicyRegistry policies;
    private final AgentRegistry agents;

    public Replay(AuditReader reader, PolicyRegistry policies, AgentRegistry agents) {
        this.reader = reader;
        this.policies = policies;
        this.agents = agents;
    }

    /**
     * Replays policy {@code name}'s decisions between {@code from} and {@code to} (inclusive; null = open)
     * under {@code version} (null: each under the version recorded with it).
     *
     * @throws IllegalArgumentException when the policy or version does not exist (the message says which)
     */
    public ReplayReport run(String name, Integer version, Instant from, Instant to) {
        long started = System.nanoTime();
        AgentPolicy candidate = null;
        if (version != null) {
            candidate = policies.compiled(name, version).orElseThrow(() -> new IllegalArgumentException(
                    policies.exists(name) ? "policy " + name + " has no version " + version
                            : "there is no policy named " + name + " (see arbiter policy list)"));
        } else if (!policies.exists(name)) {
            throw new IllegalArgumentException("there is no policy named " + name + " (see arbiter policy list)");
        }
        Instant warmup = from == null ? null : earliest(from.minus(Duration.ofHours(1)),
                LocalDate.ofInstant(from, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant());
        Run run = new Run(name, candidate, from);
        reader.forEach(new AuditQuery(warmup, to, null, null, null), run::accept);
        return new ReplayReport(name, version, from, to, run.decisions, run.changes, System.nanoTime() - started);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** One replay's state: the model's counters and what was found. */
    private final class Run {
        final String name;
        final AgentPolicy candidate;
        final Instant from;
        final DecisionModel model = new DecisionModel();
        final Map<Integer, AgentPolicy> recordedVersions = new HashMap<>();
        final Map<String, DailyBudget> ownBudgets = new HashMap<>();
        final List<ChangedDecision> changes = new ArrayList<>();
        long decisions;

        Run(String name, AgentPolicy candidate, Instant from) {
            this.name = name;
            this.candidate = candidate;
            this.from = from;
        }

        void accept(LedgerEntry le) {
            AuditEntry e = le.entry();
            String agent = e.agentId();
            if (agent == null) {
                return;
            }
            switch (e.event()) {
                case "decision" -> decision(le.seq(), e);
                case "action.outcome" -> model.spendOnly(agent, e.timestamp(), e.tokensConsumed(),
                        RecordedRequest.outcomeCost(e));
                default -> {
                    if (HUMAN_REVIEW.contains(e.event())) {
                        model.humanReviewed(agent);
                    }
                }
            }
        }

        private void decision(long seq, AuditEntry e) {
            RecordedRequest r = RecordedRequest.of(seq, e);
            if (r == null || !name.equals(r.policy())) {
                return;
            }
            ModelDecision replayed;
            AgentPolicy policy = candidate != null ? candidate : recordedVersion(r.policyVersion());
            if (PRE_POLICY.contains(r.reasonCode()) || policy == null) {
                model.spendOnly(r.request().agentId(), r.at(), r.request().tokens(), r.request().costUsd());
                replayed = null;
            } else {
                replayed = model.decide(policy, budgetOf(r.request().agentId(), policy), r.request(), r.at());
            }
            if (from != null && r.at().isBefore(from)) {
                return;
            }
            decisions++;
            if (replayed == null) {
                return;
            }
            ChangeKind kind = ChangeKind.of(r.verdict(), r.tier(), r.reasonCode(), replayed);
            if (kind != null) {
                changes.add(new ChangedDecision(r, replayed, kind));
            }
        }

        private AgentPolicy recordedVersion(Integer version) {
            if (version == null) {
                return null;
            }
            return recordedVersions.computeIfAbsent(version, v -> policies.compiled(name, v).orElse(null));
        }

        private DailyBudget budgetOf(String agentId, AgentPolicy policy) {
            DailyBudget own = ownBudgets.computeIfAbsent(agentId, id -> agents.find(id).map(Agent::profile)
                    .map(p -> p.budget() == null ? DailyBudget.NONE : p.budget()).orElse(DailyBudget.NONE));
            return EffectiveBudget.of(own, policy);
        }
    }
}
