package dev.arbiter.core.decision;

import dev.arbiter.core.policy.RiskTier;
import dev.arbiter.core.policy.RiskThresholds;
import dev.arbiter.core.policy.ActionName;
import dev.arbiter.core.policy.ActionPattern;
import dev.arbiter.core.policy.HostPort;
import dev.arbiter.core.policy.AgentPolicy;
import dev.arbiter.core.policy.TierOverride;

/**
 * What a policy alone says about an action request (the policy test bench, and
 * the heart of the gateway's decision engine, which adds the kill switch, rate
 * limits, budgets and time-boxed autonomy around it). Pure: no store, no clock,
 * no state, safe from any thread.
 *
 * <p>The rules, in the order they apply:
 * <ol>
 * <li>the action is read as an {@link ActionName}: letter case is folded, any other non-canonical
 *     spelling (see there) is NOT_ALLOWED here; the faces refuse it earlier with a field error
 *     through {@link RequestValidator}, this is the fail-closed net for any other caller;</li>
 * <li>an action that a {@code denied_actions} pattern covers (the action or anything below it) is
 *     DENIED_BY_POLICY, whatever else matches;</li>
 * <li>an action matching nothing in {@code allowed_actions} is NOT_ALLOWED (default deny);</li>
 * <li>a {@code target} not covered by {@code network_access} (both compared in the canonical form of
 *     {@link HostPort}) is NETWORK_NOT_ALLOWED; so is an unreadable target, and a request without a
 *     target under a {@code sandbox: true} policy that lists {@code network_access}: a sandboxed agent
 *     must say which listed path it uses, "no target" is not a way around the list (issue 13 §4);</li>
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

    /** What {@code policy} says about {@code request}; never throws for any request text. */
    public Evaluation evaluate(AgentPolicy policy, ActionRequest request) {
        ActionName.Reading reading = ActionName.read(request.action());
        if (reading instanceof ActionName.Refused refused) {
            RiskScore risk = scorer.score(policy, request, null);
            return new Evaluation(ReasonCode.NOT_ALLOWED, RiskTier.GATED, risk,
                    "the action name is refused: " + refused.message(), null);
        }
        ActionName action = ((ActionName.Canonical) reading).name();
        RiskScore risk = scorer.score(policy, request, action);
        Tiering tiering = tier(policy, request, action, risk);

        ActionPattern denied = policy.deniedBy(action);
        if (denied != null) {
            return new Evaluation(ReasonCode.DENIED_BY_POLICY, tiering.tier, risk,
                    action + " is denied by denied_actions entry " + denied.text()
                            + (denied.matches(action) ? "" : " (which covers everything below it)"), action);
        }
        ActionPattern allowed = policy.allowedBy(action);
        if (allowed == null) {
            return new Evaluation(ReasonCode.NOT_ALLOWED, tiering.tier, risk,
                    action + " is not in allowed_actions, and anything not allowed is denied", action);
        }
        String network = networkRefusal(policy, request.target());
        if (network != null) {
            return new Evaluation(ReasonCode.NETWORK_NOT_ALLOWED, tiering.tier, risk, network, action);
        }
        return new Evaluation(ReasonCode.allowedIn(tiering.tier), tiering.tier, risk,
                action + " is allowed by " + allowed.text() + "; " + tiering.rule, action);
    }

    /** Why the network path is refused, or null when it may be used. */
    private static String networkRefusal(AgentPolicy policy, String target) {
        if (target == null || target.isEmpty()) {
            return policy.sandbox() && !policy.networkAccess().isEmpty()
                    ? "the policy is sandboxed with a network_access list, so every action must name the host:port "
                            + "it calls in target; this one named none"
                    : null;
        }
        HostPort.Reading reading = HostPort.read(target);
        if (reading instanceof HostPort.Refused refused) {
            return "the target is refused: " + refused.message();
        }
        HostPort canonical = ((HostPort.Canonical) reading).target();
        if (policy.networkEntryFor(canonical) != null) {
            return null;
        }
        return policy.networkAccess().isEmpty()
                ? "target " + canonical + " is blocked: the policy lists no network_access"
                : "target " + canonical + " is not in network_access, and other network paths are blocked";
    }

    private record Tiering(RiskTier tier, String rule) {
    }

    private static Tiering tier(AgentPolicy policy, ActionRequest request, ActionName action, RiskScore risk) {
        RiskThresholds thresholds = policy.riskThresholds();
        double score = risk.score();
        RiskTier tier;
        String rule;
        TierOverride override = policy.tierOverrideFor(action);
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
