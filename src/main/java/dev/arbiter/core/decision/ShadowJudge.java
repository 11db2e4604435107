package dev.arbiter.core.decision;

import dev.arbiter.core.policy.AgentPolicy;
import dev.arbiter.core.policy.AutonomyLimits;
import dev.arbiter.core.policy.DailyBudget;
import dev.arbiter.core.policy.RateLimits;
import dev.arbiter.core.policy.RiskTier;
import java.sql.SQLException;

/**
 * What a policy version in shadow would have answered (issue 19 "Shadow mode"), for the
 * {@code shadow} object of the decision's audit entry. It follows the engine's order: the
 * policy ({@link PolicyEvaluator}), then rate limits, escalations, the daily budget and
 * time-boxed autonomy. The counter part runs inside the ledger writer's transaction, in the
 * decision's own {@link CounterClaim}, over the <b>same reads</b> the version in force is judged
 * against ({@link CounterView}: the windows as they stood before this request, the day's spend with
 * this request's): so the shadow's view is exact under any number of concurrent callers. It writes
 * nothing: the shadow's would-be allows are never counted, raise no alert and queue nothing. The
 * counters are read only when the shadow version passed the policy and sets a limit; the real
 * decisions keep the counters it reads ({@link ShadowNeeds}) even when the version in force sets no
 * such limit. The answer is recorded in full only where it differs from the real one ({@link ShadowAnswer}).
 */
final class ShadowJudge {

    private final PolicyEvaluator evaluator;

    ShadowJudge(PolicyEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    /**
     * The shadow's answer, finished by the claim inside the writer's transaction: the policy part is
     * evaluated now, the counter part (if the policy lets the action through) over the claim's view.
     */
    ShadowCheck judge(String policyName, int version, AgentPolicy policy, DailyBudget budget,
                      DecisionRequest request) {
        Evaluation e = evaluator.evaluate(policy, request.toActionRequest());
        String cite = " (shadow policy " + policyName + " v" + version + ")";
        ShadowAnswer byPolicy = new ShadowAnswer(policyName, version, e.code(), e.tier(), e.rule(), cite);
        ShadowNeeds needs = ShadowNeeds.of(policy);
        if (!e.allowed() || !needsCounters(policy, budget, e.tier())) {
            return ShadowCheck.fixed(byPolicy, needs);
        }
        return new ShadowCheck() {
            @Override
            public ShadowAnswer answer(CounterView view) throws SQLException {
                Refusal refusal;
                try {
                    refusal = counters(view, policy, budget, e.tier());
                } catch (RuntimeException ex) {
                    return failure("the shadow could not be evaluated: " + ex.getMessage());
                }
                return refusal == null ? byPolicy
                        : new ShadowAnswer(policyName, version, refusal.code(), e.tier(), refusal.reason(), cite);
            }

            @Override
            public ShadowNeeds needs() {
                return needs;
            }

            @Override
            public ShadowAnswer failure(String why) {
                return ShadowAnswer.failed(policyName, version, why);
            }
        };
    }

    /** The shadow of a request refused before any policy (kill switch, paused agent): the same refusal. */
    static ShadowCheck beforePolicy(String policyName, int version, ReasonCode code, String reason) {
        return ShadowCheck.fixed(new ShadowAnswer(policyName, version, code, null, reason, ""), ShadowNeeds.NONE);
    }

    /** The shadow when it could not be evaluated: the real decision stands, the failure is recorded. */
    static ShadowCheck failing(String policyName, int version, String why) {
        return ShadowCheck.fixed(ShadowAnswer.failed(policyName, version, why), ShadowNeeds.NONE);
    }

    private static boolean needsCounters(AgentPolicy p, DailyBudget budget, RiskTier tier) {
        RateLimits r = p.rateLimits();
        AutonomyLimits a = p.autonomy();
        return r.actionsPerMinute() != null || (tier == RiskTier.GATED && r.escalationsPerHour() != null)
                || budget.isLimited() || a.maxActions() != null || a.maxMinutes() != null;
    }

    /** A counter check that refused, and why in words. */
    private record Refusal(ReasonCode code, String reason) {
    }

    /** The first counter check that refuses; null when all pass. Reads only. */
    private static Refusal counters(CounterView view, AgentPolicy p, DailyBudget budget, RiskTier tier)
            throws SQLException {
        Integer perMinute = p.rateLimits().actionsPerMinute();
        if (perMinute != null && (perMinute < 1 || view.actions(perMinute) >= perMinute)) {
            return new Refusal(ReasonCode.RATE_LIMITED, "more than " + perMinute
                    + " actions in the last minute: rate_limits.actions_per_minute");
        }
        Integer perHour = p.rateLimits().escalationsPerHour();
        if (tier == RiskTier.GATED && perHour != null && (perHour < 1 || view.escalations(perHour) >= perHour)) {
            return new Refusal(ReasonCode.ESCALATION_LIMIT, "more than " + perHour
                    + " escalations in the last hour: rate_limits.escalations_per_hour");
        }
        String over = Counters.overBudget(budget, view.spent());
        if (over != null) {
            return new Refusal(ReasonCode.BUDGET_EXCEEDED, over);
        }
        AutonomyLimits limits = p.autonomy();
        if (limits.maxActions() != null || limits.maxMinutes() != null) {
            String exhausted = AutonomyTracker.exhausted(view.autonomy(), limits, view.now());
            if (exhausted != null) {
                return new Refusal(ReasonCode.AUTONOMY_LIMIT, exhausted);
            }
        }
        return null;
    }
}
