package dev.arbiter.core.decision;

import dev.arbiter.core.policy.RiskTier;
import dev.arbiter.core.policy.RiskThresholds;
import dev.arbiter.core.policy.ActionPattern;
import dev.arbiter.core.policy.AgentPolicy;
import dev.arbiter.core.policy.NetworkTarget;
import dev.arbiter.core.policy.TierOverride;

/**
 * What a policy alone says about an action request (the policy test bench, and
 * the heart of the gateway's decision engine, which adds the kill switch, rate
 * limits, budgets and time-boxed autonomy around it). Pure: no store, no clock,
 * no state, safe from any thread.
 *
 * <p>The rules, in the order they apply:
 * <ol>
 * <li>an action matching {@code denied_actions} is DENIED_BY_POLICY, whatever else matches;</li>
 * <li>an action matching nothing in {@code allowed_actions} is NOT_ALLOWED (default deny);</li>
 * <li>a {@code target} not covered by {@code network_access} is NETWORK_NOT_ALLOWED (no target: no check);</li>
 * <li>the tier comes from the first matching {@code tier_overrides} entry, else from the risk
 *     score against {@code risk_thresholds};</li>
 * <li>when the agent's confidence is below {@code confidence_threshold}, the action escalates:
 *     straight to gated if its risk is not low (score at or above the supervised threshold; the
 *     guide's "low confidence + high risk = always escalate"), else one tier up.</li>
 * </ol>
 */
public final class PolicyEvaluator {

    private final RiskScorer scorer;

    public PolicyEvaluator() {
        this(new RiskScorer());
    }

    public PolicyEvaluator(RiskScorer scorer) {
        this.scorer = scorer;
    }

    public Evaluation evaluate(AgentPolicy policy, ActionRequest request) {
        String action = request.action();
        RiskScore risk = scorer.score(policy, request);
        Tiering tiering = tier(policy, request, risk);

        ActionPattern denied = policy.deniedBy(action);
        if (denied != null) {
            return new Evaluation(ReasonCode.DENIED_BY_POLICY, tiering.tier, risk,
                    action + " is denied by denied_actions entry " + denied.text());
        }
        ActionPattern allowed = policy.allowedBy(action);
        if (allowed == null) {
            return new Evaluation(ReasonCode.NOT_ALLOWED, tiering.tier, risk,
                    action + " is not in allowed_actions, and anything not allowed is denied");
        }
        String target = request.target();
        if (target != null && !target.isBlank()) {
            NetworkTarget entry = policy.networkEntryFor(target);
            if (entry == null) {
                return new Evaluation(ReasonCode.NETWORK_NOT_ALLOWED, tiering.tier, risk,
                        policy.networkAccess().isEmpty()
                                ? "target " + target + " is blocked: the policy lists no network_access"
                                : "target " + target + " is not in network_access, and other network paths are "
                                        + "blocked");
            }
        }
        return new Evaluation(ReasonCode.allowedIn(tiering.tier), tiering.tier, risk,
                action + " is allowed by " + allowed.text() + "; " + tiering.rule);
    }

    private record Tiering(RiskTier tier, String rule) {
    }

    private static Tiering tier(AgentPolicy policy, ActionRequest request, RiskScore risk) {
        RiskThresholds thresholds = policy.riskThresholds();
        double score = risk.score();
        RiskTier tier;
        String rule;
        TierOverride override = policy.tierOverrideFor(request.action());
        if (override != null) {
            tier = override.tier();
            rule = "tier override " + override.pattern().text() + " sets " + tier.wireName()
                    + " (risk " + Decimals.two(score) + ")";
        } else {
            tier = thresholds.tierFor(score);
            rule = switch (tier) {
                case GATED -> "risk " + Decimals.two(score) + " is at or above the gated threshold "
                        + Decimals.two(thresholds.gated()) + " -> gated";
                case SUPERVISED -> "risk " + Decimals.two(score) + " is at or above the supervised threshold "
                        + Decimals.two(thresholds.supervised()) + " -> supervised";
                case AUTONOMOUS -> "risk " + Decimals.two(score) + " is below the supervised threshold "
                        + Decimals.two(thresholds.supervised()) + " -> autonomous";
            };
        }
        Double confidence = request.confidence();
        if (confidence != null && confidence < policy.confidenceThreshold() && tier != RiskTier.GATED) {
            String low = "; confidence " + Decimals.two(confidence) + " is below the threshold "
                    + Decimals.two(policy.confidenceThreshold());
            if (score >= thresholds.supervised()) {
                return new Tiering(RiskTier.GATED, rule + low + " and risk is not low -> gated "
                        + "(low confidence + high risk always escalates)");
            }
            RiskTier up = tier.escalate();
            return new Tiering(up, rule + low + " -> one tier up: " + up.wireName());
        }
        return new Tiering(tier, rule);
    }
}
