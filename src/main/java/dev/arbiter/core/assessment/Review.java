package dev.arbiter.core.assessment;

import java.time.Instant;

/**
 * One sign-off. {@code reviewer} is the person who reviewed (who may have sent
 * their verdict by mail); {@code recordedBy} is who entered it in Arbiter.
 */
public record Review(ReviewKind kind, Verdict verdict, String reviewer, Instant reviewedAt, String comment,
                     String recordedBy) {

    public boolean passed() {
        return verdict == Verdict.PASS;
    }
}
