package dev.arbiter.core.assessment;

import java.time.Instant;

/**
 * A residual risk above the workspace's tolerance that an approver accepted
 * knowingly, with a reason, so that the assessment can still be approved.
 */
public record RiskException(String category, String justification, String acceptedBy, Instant acceptedAt) {
}
