package dev.arbiter.core.decision;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.arbiter.core.policy.RiskTier;

/**
 * What a policy version in shadow would have answered one request (issue 19), and how the
 * decision's entry records it as {@code detail.shadow}:
 * <ul>
 * <li>{@code {"policy":P,"version":N,"agrees":true}} when the shadow answers with the reason code and
 *     the tier the entry itself records (so also its verdict): the common case, kept small because
 *     it goes through the ledger writer's thread on every request of a shadowed agent;</li>
 * <li>otherwise in full: {@code policy}, {@code version}, {@code decision}, {@code tier},
 *     {@code reason_code} and {@code reason};</li>
 * <li>{@code {"policy":P,"version":N,"error":WHY}} when the shadow could not be evaluated.</li>
 * </ul>
 * Readers take all three (and entries written before the short form, which are all in full).
 *
 * @param code   the shadow's reason code; null when it failed
 * @param tier   the shadow's tier; null when refused before any policy, or failed
 * @param reason the shadow's reason in words, or why it failed
 * @param cite   appended to {@code reason} when written (which version said it); may be empty
 */
record ShadowAnswer(String policy, int version, ReasonCode code, RiskTier tier, String reason, String cite) {

    /** An answer recording that the shadow could not be evaluated. */
    static ShadowAnswer failed(String policy, int version, String why) {
        return new ShadowAnswer(policy, version, null, null, why, "");
    }

    /** True when this answer is the one the entry records: same reason code, same tier. */
    boolean agrees(ReasonCode writtenCode, RiskTier writtenTier) {
        return code != null && code == writtenCode && tier == writtenTier;
    }

    /** The {@code shadow} object for an entry that records {@code writtenCode} in {@code writtenTier}. */
    String json(ReasonCode writtenCode, RiskTier writtenTier) {
        boolean agrees = agrees(writtenCode, writtenTier);
        StringBuilder b = new StringBuilder(agrees ? 64 : 256).append("{\"policy\":");
        quoted(b, policy).append(",\"version\":").append(version);
        if (code == null) {
            b.append(",\"error\":");
            return quoted(b, reason).append('}').toString();
        }
        if (agrees) {
            return b.append(",\"").append(DecisionEngine.SHADOW_AGREES).append("\":true}").toString();
        }
        b.append(",\"decision\":\"").append(code.verdict().wireName()).append("\",\"tier\":");
        if (tier == null) {
            b.append("null");
        } else {
            quoted(b, tier.wireName());
        }
        b.append(",\"reason_code\":\"").append(code.name()).append("\",\"reason\":");
        return quoted(b, reason + cite).append('}').toString();
    }

    private static StringBuilder quoted(StringBuilder b, String text) {
        b.append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, b);
        return b.append('"');
    }
}
