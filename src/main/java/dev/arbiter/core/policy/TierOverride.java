package dev.arbiter.core.policy;


/** {@code tier_overrides}: actions matching the pattern always land in this tier (e.g. {@code delete:*} gated). */
public record TierOverride(ActionPattern pattern, RiskTier tier) {
}
