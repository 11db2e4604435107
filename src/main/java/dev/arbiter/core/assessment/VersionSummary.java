package dev.arbiter.core.assessment;

import java.time.Instant;

/** One entry of an assessment's version history. {@code decision} is null until it was approved or rejected. */
public record VersionSummary(int version, AssessmentStatus status, String createdBy, Instant createdAt,
                             Decision decision) {
}
