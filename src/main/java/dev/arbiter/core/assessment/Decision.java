package dev.arbiter.core.assessment;

import java.time.Instant;

/** The final approval or rejection of a version: by whom, when and why. */
public record Decision(boolean approved, String decidedBy, Instant decidedAt, String comment) {
}
