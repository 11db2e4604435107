package dev.arbiter.core.policyqa;

import dev.arbiter.core.agent.Agent;
import dev.arbiter.core.agent.AgentRegistry;
import dev.arbiter.core.audit.AuditReader;
import dev.arbiter.core.policy.AgentPolicy;
import dev.arbiter.core.policy.DailyBudget;
import dev.arbiter.core.policy.PolicyRegistry;
import dev.arbiter.core.policy.RiskTier;
import java.io.IOException;
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
 * <li>the budget is the agent's own (as registered now) merged with the candidate's, as the engine merges them;</li>
 * <li>a decision entry that records the counters it was judged against ({@code detail.counters}, written
 *     inside the ledger writer's transaction) is re-decided against them: always for the day's spend, and
 *     for the rate windows and time-boxed autonomy while the replayed answers have counted as the
 *     recorded ones did ({@link Divergence}); so replaying the version that decided reproduces the ledger
 *     exactly under any number of concurrent callers and any clock skew between them.</li>
 * </ul>
 * The ledger is read in one statement, each body in one streaming pass, each version compiled once.
 * Replaying each decision under the version recorded with it ({@code version} null) reproduces the
 * ledger's decisions; that is a test.
 */
public final class Replay {

    private static final Set<String> PRE_POLICY = Set.of("KILL_SWITCH", "AGENT_PAUSED", "NO_POLICY");
    private static final Set<String> HUMAN_REVIEW = Set.of("review.approved", "review.denied", "agent.resumed",
            "agent.added");
    /** The events a replay reads: decisions, outcomes (their spend) and what restarts autonomy. */
    private static final Set<String> EVENTS = Set.of("decision", "action.outcome", "review.approved",
            "review.denied", "agent.resumed", "agent.added");

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
        reader.forEachBody(EVENTS, warmup, to, run::accept);
        return new ReplayReport(name, version, from, to, run.decisions, run.changes, System.nanoTime() - started);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /**
     * Since when an agent's replayed answers have counted otherwise than the recorded ones: a
     * replayed answer that goes through where the recorded one did not (or the other way round), or
     * in another tier, would have moved the rate windows and time-boxed autonomy otherwise, so from
     * then on the model's own counts stand in for the recorded ones: for the rate windows until an
     * hour has passed (the widest window), for autonomy until a person reviews the agent. The day's
     * spend never depends on an answer and is always taken from the record. Replaying the versions
     * that decided never diverges, so it reproduces the ledger exactly.
     */
    private static final class Divergence {
        Instant rates;
        boolean autonomy;

        boolean ratesAsThen(Instant at) {
            return rates == null || !at.isBefore(rates.plus(Duration.ofHours(1)));
        }

        void note(RecordedRequest r, ModelDecision replayed) {
            boolean wasThrough = r.verdict() != dev.arbiter.core.decision.Verdict.DENY;
            boolean isThrough = replayed.letsThrough();
            boolean counted = wasThrough != isThrough
                    || wasThrough && (r.tier() == RiskTier.GATED) != (replayed.tier() == RiskTier.GATED);
            if (counted) {
                rates = r.at();
                autonomy = true;
            } else if (!isThrough && !replayed.reasonCode().name().equals(r.reasonCode())
                    && (replayed.reasonCode() == dev.arbiter.core.decision.ReasonCode.AUTONOMY_LIMIT
                    || "AUTONOMY_LIMIT".equals(r.reasonCode()))) {
                // one paused the agent and the other did not
                autonomy = true;
            }
        }
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
        final Map<String, Divergence> divergence = new HashMap<>();
        long decisions;

        Run(String name, AgentPolicy candidate, Instant from) {
            this.name = name;
            this.candidate = candidate;
            this.from = from;
        }

        void accept(String body, long seq) {
            StoredBody e;
            try {
                e = StoredBody.read(body);
            } catch (IOException | RuntimeException unreadable) {
                return; // a damaged entry is Verify chain's to report; it is not replayed
            }
            String agent = e.agentId();
            if (agent == null || e.event() == null || e.at() == null) {
                return;
            }
            switch (e.event()) {
                case "decision" -> decision(seq, e);
                case "action.outcome" -> model.spendOnly(agent, e.at(), e.tokens(),
                        RecordedRequest.outcomeCost(e.detail()));
                default -> {
                    if (HUMAN_REVIEW.contains(e.event())) {
                        model.humanReviewed(agent);
                        Divergence d = divergence.get(agent);
                        if (d != null) {
                            d.autonomy = false;
                        }
                    }
                }
            }
        }

        private void decision(long seq, StoredBody e) {
            RecordedRequest r = e.personal()
                    // a data subject's entry keeps its context outside the body: open it (rare, one look-up)
                    ? reader.after(seq - 1, 1).stream().findFirst().map(le -> RecordedRequest.of(seq, le.entry()))
                            .orElse(null)
                    : RecordedRequest.of(seq, e);
            if (r == null || !name.equals(r.policy())) {
                return;
            }
            ModelDecision replayed;
            AgentPolicy policy = candidate != null ? candidate : recordedVersion(r.policyVersion());
            String agent = r.request().agentId();
            if (PRE_POLICY.contains(r.reasonCode()) || policy == null) {
                model.spendOnly(agent, r.at(), r.request().tokens(), r.request().costUsd());
                replayed = null;
            } else {
                Divergence d = divergence.computeIfAbsent(agent, a -> new Divergence());
                replayed = model.decide(policy, budgetOf(agent, policy), r.request(), r.at(),
                        new AsThen(r.counters(), d.ratesAsThen(r.at()), !d.autonomy));
                d.note(r, replayed);
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
