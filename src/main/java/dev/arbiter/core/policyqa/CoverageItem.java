package dev.arbiter.core.policyqa;

import dev.arbiter.core.policy.Position;

/**
 * One part of a policy that a test case can exercise.
 *
 * @param section  the policy key, e.g. {@code allowed_actions}, {@code risk_thresholds.gated}
 * @param entry    the entry as written, e.g. {@code read:customer_profile}, or the limit's value
 * @param position where the entry is written in the policy; null when the policy text is not at hand
 * @param covered  true when at least one request of the suite exercised it
 * @param how      what exercising it takes, for an uncovered entry (e.g. "a request scored at or above 0.70")
 */
public record CoverageItem(String section, String entry, Position position, boolean covered, String how) {
}
