package dev.arbiter.core.exercise;

import java.time.Duration;
import java.time.Instant;

/**
 * A playbook step done during an exercise.
 *
 * @param step       1-based position in the playbook
 * @param doneAt     when it was done (the exercise clock)
 * @param doneBy     the participant who did it
 * @param recordedBy who ticked it in Arbiter (the facilitator, usually)
 * @param auditSeq   the ledger entry that records it
 */
public record StepDone(int step, Instant doneAt, String doneBy, String note, String recordedBy, long auditSeq) {

    /** Time from the exercise's start to this step (never negative). */
    public Duration after(Instant startedAt) {
        Duration d = Duration.between(startedAt, doneAt);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
