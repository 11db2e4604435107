package dev.arbiter.core.decision;

import dev.arbiter.core.policy.AgentPolicy;
import dev.arbiter.core.policy.AutonomyLimits;
import dev.arbiter.core.policy.DailyBudget;
import dev.arbiter.core.policy.RateLimits;
import dev.arbiter.core.policy.RiskTier;
import dev.arbiter.core.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a policy version in shadow would have answered (issue 19 "Shadow mode"), for the
 * {@code shadow} object of the decision's audit entry. It follows the engine's order: the
 * policy ({@link PolicyEvaluator}), then rate limits, escalations, the daily budget and
 * time-boxed autonomy, but over a <b>read-only view of the shared counters</b> as they stood
 * when the request arrived (plus this request's own spend, as the engine adds it first). It
 * writes nothing: the shadow's would-be allows are never counted, so the shadow is judged
 * against the windows the version in force produced. The counters are read only when the
 * shadow version passed the policy and sets a limit, so a shadow that denies or sets no
 * limits costs one evaluation and no I/O.
 */
final class ShadowJudge {

    private final Database database;
    private final PolicyEvaluator evaluator;

    ShadowJudge(Database database, PolicyEvaluator evaluator) {
        this.database = database;
        this.evaluator = evaluator;
    }

    /** The shadow's answer as the entry records it: {@code policy, version, decision, tier, reason_code, reason}. */
    Map<String, Object> judge(String agentId, String policyName, int version, AgentPolicy policy, DailyBudget budget,
                              DecisionRequest request, Instant now) {
        Evaluation e = evaluator.evaluate(policy, request.toActionRequest());
        String cite = " (shadow policy " + policyName + " v" + version + ")";
        ReasonCode code = e.code();
        String reason = e.rule() + cite;
        if (e.allowed() && needsCounters(policy, budget, e.tier())) {
            Refusal refusal = database.read(c -> counters(c, agentId, policy, budget, e.tier(), request, now));
            if (refusal != null) {
                code = refusal.code();
                reason = refusal.reason() + cite;
            }
        }
        return entry(policyName, version, code, e.tier(), reason);
    }

    /** The shadow object of a request refused before any policy (kill switch, paused agent): the same refusal. */
    static Map<String, Object> beforePolicy(String policyName, int version, ReasonCode code, String reason) {
        return entry(policyName, version, code, null, reason);
    }

    /** The shadow object when the shadow could not be evaluated: the real decision stands, the failure is recorded. */
    static Map<String, Object> failed(String policyName, int version, String why) {
        Map<String, Object> shadow = new LinkedHashMap<>();
        shadow.put("policy", policyName);
        shadow.put("version", version);
        shadow.put("error", why);
        return shadow;
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
    private static Refusal counters(Connection c, String agentId, AgentPolicy p, DailyBudget budget, RiskTier tier,
                                     DecisionRequest request, Instant now) throws SQLException {
        long ms = now.toEpochMilli();
        Integer perMinute = p.rateLimits().actionsPerMinute();
        if (perMinute != null && (perMinute < 1
                || CounterStore.countSince(c, agentId, RateLimiter.ACTION, ms - RateLimiter.MINUTE, perMinute) >= perMinute)) {
            return new Refusal(ReasonCode.RATE_LIMITED, "more than " + perMinute
                    + " actions in the last minute: rate_limits.actions_per_minute");
        }
        Integer perHour = p.rateLimits().escalationsPerHour();
        if (tier == RiskTier.GATED && perHour != null && (perHour < 1
                || CounterStore.countSince(c, agentId, RateLimiter.ESCALATION, ms - RateLimiter.HOUR, perHour) >= perHour)) {
            return new Refusal(ReasonCode.ESCALATION_LIMIT, "more than " + perHour
                    + " escalations in the last hour: rate_limits.escalations_per_hour");
        }
        if (budget.isLimited()) {
            Spent before = CounterStore.spend(c, agentId, CounterStore.dayOf(now));
            if (before == null) {
                before = DecisionStore.spentSince(c, agentId,
                        LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            Spent after = new Spent(Saturating.add(before.tokens(), Saturating.tokens(request.tokensConsumed())),
                    Saturating.add(before.costUsd(), Saturating.usd(request.costUsd())));
            String over = Counters.overBudget(budget, after);
            if (over != null) {
                return new Refusal(ReasonCode.BUDGET_EXCEEDED, over);
            }
        }
        AutonomyLimits limits = p.autonomy();
        if (limits.maxActions() != null || limits.maxMinutes() != null) {
            AutonomyTracker.Window w = CounterStore.autonomy(c, agentId);
            if (w == null) {
                w = DecisionStore.autonomySinceReview(c, agentId);
            }
            String exhausted = AutonomyTracker.exhausted(w, limits, now);
            if (exhausted != null) {
                return new Refusal(ReasonCode.AUTONOMY_LIMIT, exhausted);
            }
        }
        return null;
    }
}
