package dev.arbiter.core.decision;

import dev.arbiter.core.policy.AgentPolicy;
import dev.arbiter.core.policy.AutonomyLimits;
import dev.arbiter.core.policy.DailyBudget;
import dev.arbiter.core.policy.RateLimits;
import dev.arbiter.core.policy.RiskTier;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a policy version in shadow would have answered (issue 19 "Shadow mode"), for the
 * {@code shadow} object of the decision's audit entry. It follows the engine's order: the
 * policy ({@link PolicyEvaluator}), then rate limits, escalations, the daily budget and
 * time-boxed autonomy. The counter part runs inside the ledger writer's transaction, in the
 * decision's own {@link CounterClaim}, over the <b>same reads</b> the version in force is judged
 * against ({@link CounterView}: the windows as they stood before this request, the day's spend with
 * this request's): so the shadow's view is exact under any number of concurrent callers. It writes
 * nothing: the shadow's would-be allows are never counted, raise no alert and queue nothing. The
 * counters are read only when the shadow version passed the policy and sets a limit.
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
        Map<String, Object> byPolicy = entry(policyName, version, e.code(), e.tier(), e.rule() + cite);
        if (!e.allowed() || !needsCounters(policy, budget, e.tier())) {
            return view -> byPolicy;
        }
        return view -> {
            Refusal refusal;
            try {
                refusal = counters(view, policy, budget, e.tier());
            } catch (RuntimeException ex) {
                return failed(policyName, version, "the shadow could not be evaluated: " + ex.getMessage());
            }
            return refusal == null ? byPolicy : entry(policyName, version, refusal.code(), e.tier(),
                    refusal.reason() + cite);
        };
    }

    /** The shadow object of a request refused before any policy (kill switch, paused agent): the same refusal. */
    static ShadowCheck beforePolicy(String policyName, int version, ReasonCode code, String reason) {
        Map<String, Object> answer = entry(policyName, version, code, null, reason);
        return view -> answer;
    }

    /** The shadow object when the shadow could not be evaluated: the real decision stands, the failure is recorded. */
    static Map<String, Object> failed(String policyName, int version, String why) {
        Map<String, Object> shadow = new LinkedHashMap<>();
        shadow.put("policy", policyName);
        shadow.put("version", version);
        shadow.put("error", why);
        return shadow;
    }

    /** {@link #failed} as a check. */
    static ShadowCheck failing(String policyName, int version, String why) {
        Map<String, Object> answer = failed(policyName, version, why);
        return view -> answer;
    }

    private static Map<String, Object> entry(String policyName, int version, ReasonCode code, RiskTier tier,
                                             String reason) {
        Map<String, Object> shadow = new LinkedHashMap<>();
        shadow.put("policy", policyName);
        shadow.put("version", version);
        shadow.put("decision", switch (code) {
            case ALLOWED, SUPERVISED_ALLOWED -> Verdict.ALLOW.wireName();
            case PENDING_APPROVAL -> Verdict.PENDING.wireName();
            default -> Verdict.DENY.wireName();
        });
        shadow.put("tier", tier == null ? null : tier.wireName());
        shadow.put("reason_code", code.name());
        shadow.put("reason", reason);
        return shadow;
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
