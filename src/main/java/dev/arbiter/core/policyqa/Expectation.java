package dev.arbiter.core.policyqa;

import dev.arbiter.core.decision.ReasonCode;
import dev.arbiter.core.decision.Verdict;
import dev.arbiter.core.policy.RiskTier;
import java.util.ArrayList;
import java.util.List;

/**
 * What a test case expects of its last request; each part is optional (null:
 * not checked), at least one is given.
 */
public record Expectation(Verdict decision, RiskTier tier, ReasonCode reasonCode) {

    /** The differences between this expectation and {@code actual}, in words; empty when it holds. */
    public List<String> mismatches(ModelDecision actual) {
        List<String> out = new ArrayList<>(3);
        if (decision != null && decision != actual.verdict()) {
            out.add("expected decision " + decision.wireName() + ", got " + actual.verdict().wireName());
        }
        if (reasonCode != null && reasonCode != actual.reasonCode()) {
            out.add("expected reason_code " + reasonCode + ", got " + actual.reasonCode());
        }
        if (tier != null && tier != actual.tier()) {
            out.add("expected tier " + tier.wireName() + ", got "
                    + (actual.tier() == null ? "none" : actual.tier().wireName()));
        }
        return out;
    }

    /** The expectation in the file's words, e.g. {@code deny / RATE_LIMITED}. */
    public String describe() {
        List<String> parts = new ArrayList<>(3);
        if (decision != null) {
            parts.add(decision.wireName());
        }
        if (tier != null) {
            parts.add(tier.wireName());
        }
        if (reasonCode != null) {
            parts.add(reasonCode.name());
        }
        return String.join(" / ", parts);
    }
}
