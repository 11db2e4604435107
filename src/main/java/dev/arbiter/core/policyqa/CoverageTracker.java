package dev.arbiter.core.policyqa;

import dev.arbiter.core.decision.ActionRequest;
import dev.arbiter.core.decision.ReasonCode;
import dev.arbiter.core.policy.ActionName;
import dev.arbiter.core.policy.ActionPattern;
import dev.arbiter.core.policy.AgentPolicy;
import dev.arbiter.core.policy.HostPort;
import dev.arbiter.core.policy.NetworkTarget;
import dev.arbiter.core.policy.Position;
import dev.arbiter.core.policy.TierOverride;
import dev.arbiter.core.policy.YamlNode;
import dev.arbiter.core.policy.YamlReader;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Watches every request a suite sends (fixtures too) and says which parts of
 * the policy none exercised. The rules:
 * <ul>
 * <li>an {@code allowed_actions} entry is exercised by a request it allows (first match, not denied);
 *     a {@code denied_actions} entry by a request it denies; a {@code tier_overrides} entry by a
 *     request whose tier it set; a {@code network_access} entry by a request whose target it
 *     admitted;</li>
 * <li>a risk threshold is exercised when requests scored on both sides of it (an override's tier
 *     does not count: the score did not decide); {@code confidence_threshold} when a request's
 *     confidence was below it;</li>
 * <li>a rate limit, the daily budget and time-boxed autonomy are exercised by a decision they refused
 *     (RATE_LIMITED, ESCALATION_LIMIT, BUDGET_EXCEEDED, AUTONOMY_LIMIT). Only limits the policy sets are listed.</li>
 * </ul>
 */
final class CoverageTracker {

    private final AgentPolicy policy;
    private final Map<Object, Boolean> hit = new IdentityHashMap<>();
    private final Set<ReasonCode> codes = EnumSet.noneOf(ReasonCode.class);
    private boolean belowSupervised;
    private boolean atOrAboveSupervised;
    private boolean belowGated;
    private boolean atOrAboveGated;
    private boolean lowConfidence;

    CoverageTracker(AgentPolicy policy) {
        this.policy = policy;
    }

    void saw(ActionRequest request, ModelDecision decision) {
        codes.add(decision.reasonCode());
        if (!(ActionName.read(request.action()) instanceof ActionName.Canonical c)) {
            return;
        }
        ActionName action = c.name();
        ActionPattern denied = policy.deniedBy(action);
        if (denied != null) {
            hit.put(denied, true);
            return;
        }
        ActionPattern allowed = policy.allowedBy(action);
        if (allowed == null) {
            return;
        }
        hit.put(allowed, true);
        if (request.target() != null && HostPort.read(request.target()) instanceof HostPort.Canonical t) {
            NetworkTarget entry = policy.networkEntryFor(t.target());
            if (entry != null) {
                hit.put(entry, true);
            }
        }
        TierOverride override = policy.tierOverrideFor(action);
        if (override != null) {
            hit.put(override, true);
        } else if (decision.riskScore() != null) {
            double score = decision.riskScore();
            belowSupervised |= score < policy.riskThresholds().supervised();
            atOrAboveSupervised |= score >= policy.riskThresholds().supervised();
            belowGated |= score < policy.riskThresholds().gated();
            atOrAboveGated |= score >= policy.riskThresholds().gated();
        }
        if (request.confidence() != null && request.confidence() < policy.confidenceThreshold()) {
            lowConfidence = true;
        }
    }

    /** The coverage so far; {@code policyText} (may be null) gives each entry its line and column. */
    PolicyCoverage coverage(String policyText) {
        Map<String, List<Position>> at = positions(policyText);
        List<CoverageItem> items = new ArrayList<>();
        entries(items, "allowed_actions", policy.allowedActions(), at, "a request it allows");
        entries(items, "denied_actions", policy.deniedActions(), at, "a request it denies");
        List<Position> overrides = at.getOrDefault("tier_overrides", List.of());
        for (int i = 0; i < policy.tierOverrides().size(); i++) {
            TierOverride o = policy.tierOverrides().get(i);
            items.add(new CoverageItem("tier_overrides", o.pattern().text() + " -> " + o.tier().wireName(),
                    i < overrides.size() ? overrides.get(i) : null, hit.containsKey(o),
                    "an allowed request it applies to"));
        }
        List<Position> network = at.getOrDefault("network_access", List.of());
        for (int i = 0; i < policy.networkAccess().size(); i++) {
            NetworkTarget n = policy.networkAccess().get(i);
            items.add(new CoverageItem("network_access", n.canonical().toString(),
                    i < network.size() ? network.get(i) : null, hit.containsKey(n),
                    "an allowed request with this target"));
        }
        String s = two(policy.riskThresholds().supervised());
        String g = two(policy.riskThresholds().gated());
        items.add(new CoverageItem("risk_thresholds.supervised", s, null, belowSupervised && atOrAboveSupervised,
                "allowed requests scored below and at or above " + s + " (no tier override)"));
        items.add(new CoverageItem("risk_thresholds.gated", g, null, belowGated && atOrAboveGated,
                "allowed requests scored below and at or above " + g + " (no tier override)"));
        items.add(new CoverageItem("confidence_threshold", two(policy.confidenceThreshold()), null,
                lowConfidence, "an allowed request with confidence below it"));
        if (policy.rateLimits().actionsPerMinute() != null) {
            items.add(new CoverageItem("rate_limits.actions_per_minute", "" + policy.rateLimits().actionsPerMinute(),
                    null, codes.contains(ReasonCode.RATE_LIMITED), "a case that ends RATE_LIMITED"));
        }
        if (policy.rateLimits().escalationsPerHour() != null) {
            items.add(new CoverageItem("rate_limits.escalations_per_hour",
                    "" + policy.rateLimits().escalationsPerHour(), null, codes.contains(ReasonCode.ESCALATION_LIMIT),
                    "a case that ends ESCALATION_LIMIT"));
        }
        if (policy.budget() != null && policy.budget().isLimited()) {
            items.add(new CoverageItem("budget", (policy.budget().tokens() == null ? ""
                    : policy.budget().tokens() + " tokens ") + (policy.budget().costUsd() == null ? ""
                    : "$" + policy.budget().costUsd().toPlainString()), null,
                    codes.contains(ReasonCode.BUDGET_EXCEEDED), "a case that ends BUDGET_EXCEEDED"));
        }
        if (policy.autonomy().maxActions() != null || policy.autonomy().maxMinutes() != null) {
            items.add(new CoverageItem("max_autonomous_actions / max_autonomous_minutes",
                    policy.autonomy().maxActions() + " / " + policy.autonomy().maxMinutes(), null,
                    codes.contains(ReasonCode.AUTONOMY_LIMIT), "a case that ends AUTONOMY_LIMIT"));
        }
        return new PolicyCoverage(items);
    }

    private void entries(List<CoverageItem> items, String section, List<ActionPattern> patterns,
                         Map<String, List<Position>> at, String how) {
        List<Position> positions = at.getOrDefault(section, List.of());
        for (int i = 0; i < patterns.size(); i++) {
            ActionPattern p = patterns.get(i);
            items.add(new CoverageItem(section, p.text(), i < positions.size() ? positions.get(i) : null,
                    hit.containsKey(p), how));
        }
    }

    private static String two(double v) {
        return String.format(java.util.Locale.ROOT, "%.2f", v);
    }

    /** The position of each item of the policy's lists, by key; empty when the text is not at hand. */
    private static Map<String, List<Position>> positions(String policyText) {
        Map<String, List<Position>> out = new java.util.HashMap<>();
        if (policyText == null) {
            return out;
        }
        YamlReader.Result read = YamlReader.read(policyText);
        if (!read.ok() || !(read.root() instanceof YamlNode.Mapping top)
                || top.entries().get("agent_policy") == null
                || !(top.entries().get("agent_policy").value() instanceof YamlNode.Mapping body)) {
            return out;
        }
        for (String key : List.of("allowed_actions", "denied_actions", "tier_overrides", "network_access")) {
            YamlNode.Entry e = body.entries().get(key);
            if (e != null && e.value() instanceof YamlNode.Sequence seq) {
                out.put(key, seq.items().stream().map(YamlNode::position).toList());
            } else if (e != null && e.value() instanceof YamlNode.Mapping map) {
                out.put(key, map.entries().values().stream().map(YamlNode.Entry::keyPosition).toList());
            }
        }
        return out;
    }
}
