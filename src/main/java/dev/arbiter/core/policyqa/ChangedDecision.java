package dev.arbiter.core.policyqa;

/** One recorded decision that the candidate version would decide otherwise. */
public record ChangedDecision(RecordedRequest recorded, ModelDecision replayed, ChangeKind kind) {
}
