package dev.arbiter.core.policyqa;

import dev.arbiter.core.decision.ActionRequest;
import dev.arbiter.core.decision.Evaluation;
import dev.arbiter.core.decision.PolicyEvaluator;
import dev.arbiter.core.decision.ReasonCode;
import dev.arbiter.core.policy.AgentPolicy;
import dev.arbiter.core.policy.DailyBudget;
import dev.arbiter.core.policy.RiskTier;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The decision engine's rules over counters held in memory, for policy tests
 * (a controllable clock, nothing written) and replay (counters rebuilt from the
 * ledger, not from the live tables). The policy part is the gateway's own
 * {@link PolicyEvaluator}; the counters follow {@code DecisionEngine} and its
 * {@code CounterClaim} step by step, in the same order:
 * <ol>
 * <li>the request's tokens and dollars are added to the agent's spend for the UTC day, whatever the
 *     decision (they were spent either way);</li>
 * <li>only when the policy lets the action through: {@code actions_per_minute} over an exact sliding
 *     window (an event at t counts while {@code now - t < 60 s}; a limit below 1 refuses everything),
 *     then {@code escalations_per_hour} for a gated action, then the daily budget (over when the
 *     day's total after this request is above a limit), then time-boxed autonomy;</li>
 * <li>AUTONOMY_LIMIT pauses the agent: later requests are AGENT_PAUSED until {@link #humanReviewed};</li>
 * <li>a refusal by a counter records no rate event for the request (the engine rolls back its
 *     savepoint) but keeps the spend; an allowed autonomous or supervised action counts toward
 *     autonomy.</li>
 * </ol>
 * Not thread-safe: one model per test case or replay. The equivalence with the
 * engine is a test ({@code ReplayMatchesEngineTest}).
 */
public final class DecisionModel {

    private static final long MINUTE = 60_000;
    private static final long HOUR = 3_600_000;

    /** Distinct requests remembered per policy before the memory starts again (bounds the model's memory). */
    static final int REMEMBERED_REQUESTS = 16_384;
    /** Policies remembered at once, likewise. */
    static final int REMEMBERED_POLICIES = 64;

    private final PolicyEvaluator evaluator = new PolicyEvaluator();
    private final Map<String, AgentState> agents = new HashMap<>();
    /**
     * What each policy (by identity: a replay compiles each version once) said about each distinct request. The
     * evaluator is pure, and recorded traffic repeats a few requests many times, so a replay evaluates each once.
     */
    private final Map<AgentPolicy, Map<ActionRequest, Evaluation>> evaluations = new IdentityHashMap<>();

    private static final class AgentState {
        final ArrayDeque<Long> actions = new ArrayDeque<>();
        final ArrayDeque<Long> escalations = new ArrayDeque<>();
        LocalDate day;
        long tokens;
        double usd;
        long autonomous;
        Instant autonomySince;
        boolean exhausted;
        /** Paused by the engine for its autonomy limit, until a person resumes it. */
        boolean paused;
    }

    /**
     * Decides {@code request} at {@code now} under {@code policy}, with {@code budget} as the
     * agent's daily budget (the engine merges the agent's own with the policy's), and moves the
     * counters as the engine would.
     */
    public ModelDecision decide(AgentPolicy policy, DailyBudget budget, ModelRequest request, Instant now) {
        return decide(policy, budget, request, now, AsThen.NONE);
    }

    /**
     * {@link #decide(AgentPolicy, DailyBudget, ModelRequest, Instant)} with the counters a recorded
     * decision was judged against (issue 19): where {@code asThen} gives a value, the checks use it
     * instead of the model's own, and the model's totals follow it. So a replay reproduces the
     * ledger exactly under any concurrency, and a candidate version is judged against the state as
     * it was while its own answers have not changed the counters.
     */
    ModelDecision decide(AgentPolicy policy, DailyBudget budget, ModelRequest request, Instant now, AsThen asThen) {
        AgentState s = state(request.agentId());
        if (asThen.seen() != null) {
            s.day = LocalDate.ofInstant(now, ZoneOffset.UTC);
            s.tokens = asThen.seen().tokensToday();
            s.usd = asThen.seen().usdToday();
        } else {
            spend(s, now, request.tokens(), request.costUsd());
        }
        Evaluation e = evaluate(policy, request.action());
        if (s.paused && !asThen.autonomy()) {
            return refused(e, ReasonCode.AGENT_PAUSED, "agent " + request.agentId()
                    + " is paused: its time-boxed autonomy is used up until a person resumes it");
        }
        String cite = " (policy " + policy.name() + ")";
        if (!e.allowed()) {
            return new ModelDecision(e.code().verdict(), e.code(), e.tier(), e.riskScore(),
                    e.rule() + cite);
        }
        long ms = now.toEpochMilli();
        Integer perMinute = policy.rateLimits().actionsPerMinute();
        if (!fits(s.actions, perMinute, MINUTE, ms, asThen.actionsInMinute())) {
            return refused(e, ReasonCode.RATE_LIMITED, "more than " + perMinute
                    + " actions in the last minute: rate_limits.actions_per_minute" + cite);
        }
        Integer perHour = policy.rateLimits().escalationsPerHour();
        if (e.tier() == RiskTier.GATED && !fits(s.escalations, perHour, HOUR, ms, asThen.escalationsInHour())) {
            return refused(e, ReasonCode.ESCALATION_LIMIT, "more than " + perHour
                    + " escalations in the last hour: rate_limits.escalations_per_hour" + cite);
        }
        String over = overBudget(budget == null ? DailyBudget.NONE : budget, s);
        if (over != null) {
            return refused(e, ReasonCode.BUDGET_EXCEEDED, over);
        }
        if (asThen.autonomousActions() != null) {
            // the engine keeps no "used up" flag: it re-reads the window, which the record gives
            s.autonomous = asThen.autonomousActions();
            s.autonomySince = asThen.seen().autonomousSince();
            s.exhausted = false;
        }
        String exhausted = exhausted(s, policy, now);
        if (exhausted != null) {
            s.paused = true;
            return refused(e, ReasonCode.AUTONOMY_LIMIT, exhausted + cite
                    + "; the agent is paused until a person resumes it");
        }
        // all checks passed: the rate events stand (the engine commits them with the decision)
        if (perMinute != null) {
            s.actions.addLast(ms);
        }
        if (e.tier() == RiskTier.GATED) {
            if (perHour != null) {
                s.escalations.addLast(ms);
            }
        } else {
            if (s.autonomous == 0) {
                s.autonomySince = now;
            }
            s.autonomous++;
        }
        return new ModelDecision(e.code().verdict(), e.code(), e.tier(), e.riskScore(),
                e.rule() + cite);
    }

    /**
     * The decision with the kill switch engaged for the agent: refused before anything else, its
     * tier and score still recorded (as the engine records them), its spend counted.
     */
    public ModelDecision killSwitch(AgentPolicy policy, ModelRequest request, Instant now) {
        spend(state(request.agentId()), now, request.tokens(), request.costUsd());
        Evaluation e = evaluate(policy, request.action());
        return refused(e, ReasonCode.KILL_SWITCH, "the kill switch is engaged for " + request.agentId());
    }

    /**
     * A decision taken before the policy (kill switch, paused or unknown agent): only its spend
     * counts.
     */
    public void spendOnly(String agentId, Instant now, Long tokens, Double costUsd) {
        spend(state(agentId), now, tokens, costUsd);
    }

    /** A person reviewed the agent's work (approved or denied a queued action, resumed it): autonomy restarts. */
    public void humanReviewed(String agentId) {
        AgentState s = state(agentId);
        s.autonomous = 0;
        s.autonomySince = null;
        s.exhausted = false;
        s.paused = false;
    }

    /** True while the agent's time-boxed autonomy is used up and no person has looked since. */
    public boolean isExhausted(String agentId) {
        AgentState s = agents.get(agentId);
        return s != null && s.exhausted;
    }

    private static ModelDecision refused(Evaluation e, ReasonCode code, String reason) {
        return new ModelDecision(code.verdict(), code, e.tier(), e.riskScore(), reason);
    }

    /**
     * True when one more event fits the window; drops events that left it. Records nothing.
     * {@code asThen}: the count the recorded decision saw, used instead of the model's own when given.
     */
    private static boolean fits(ArrayDeque<Long> events, Integer limit, long window, long nowMs, Integer asThen) {
        if (limit == null) {
            return true;
        }
        if (limit < 1) {
            return false;
        }
        while (!events.isEmpty() && events.peekFirst() <= nowMs - window) {
            events.removeFirst();
        }
        // events are appended in decision order; a clock that stepped back leaves later ones in place,
        // which the engine's count (at_ms > now - window) also counts
        return (asThen != null ? asThen : countInside(events, nowMs - window)) < limit;
    }

    private static int countInside(ArrayDeque<Long> events, long after) {
        int n = 0;
        for (Long at : events) {
            if (at > after) {
                n++;
            }
        }
        return n;
    }

    private static void spend(AgentState s, Instant now, Long tokens, Double costUsd) {
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (!day.equals(s.day)) {
            s.day = day;
            s.tokens = 0;
            s.usd = 0;
        }
        long t = tokens == null || tokens < 0 ? 0 : tokens;
        long sum = s.tokens + t;
        s.tokens = ((s.tokens ^ sum) & (t ^ sum)) < 0 ? Long.MAX_VALUE : sum;
        double d = costUsd == null || costUsd.isNaN() || costUsd < 0 ? 0
                : costUsd.isInfinite() ? Double.MAX_VALUE : costUsd;
        double total = s.usd + d;
        s.usd = Double.isFinite(total) ? total : Double.MAX_VALUE;
    }

    private static String overBudget(DailyBudget budget, AgentState s) {
        if (budget.tokens() != null && s.tokens > budget.tokens()) {
            return String.format(Locale.ROOT, "the daily token budget of %,d is used up (%,d tokens today)",
                    budget.tokens(), s.tokens);
        }
        if (budget.costUsd() != null && s.usd > budget.costUsd().doubleValue()) {
            return String.format(Locale.ROOT, "the daily cost budget of $%,.2f is used up ($%,.2f today)",
                    budget.costUsd().doubleValue(), s.usd);
        }
        return null;
    }

    private static String exhausted(AgentState s, AgentPolicy policy, Instant now) {
        Integer maxActions = policy.autonomy().maxActions();
        Integer maxMinutes = policy.autonomy().maxMinutes();
        if (maxActions == null && maxMinutes == null) {
            return null;
        }
        if (maxActions != null && s.autonomous >= maxActions) {
            s.exhausted = true;
            return s.autonomous + " actions without a human review reached max_autonomous_actions " + maxActions;
        }
        if (maxMinutes != null && s.autonomySince != null
                && Duration.between(s.autonomySince, now).toMinutes() >= maxMinutes) {
            s.exhausted = true;
            return "acting for " + Duration.between(s.autonomySince, now).toMinutes()
                    + " minutes without a human review reached max_autonomous_minutes " + maxMinutes;
        }
        return s.exhausted ? "time-boxed autonomy is used up until a person reviews the agent" : null;
    }

    private Evaluation evaluate(AgentPolicy policy, ActionRequest request) {
        Map<ActionRequest, Evaluation> known = evaluations.get(policy);
        if (known == null) {
            if (evaluations.size() >= REMEMBERED_POLICIES) {
                evaluations.clear();
            }
            known = new HashMap<>();
            evaluations.put(policy, known);
        }
        Evaluation e = known.get(request);
        if (e == null) {
            if (known.size() >= REMEMBERED_REQUESTS) {
                known.clear();
            }
            e = evaluator.evaluate(policy, request);
            known.put(request, e);
        }
        return e;
    }

    private AgentState state(String agentId) {
        return agents.computeIfAbsent(agentId, id -> new AgentState());
    }
}
