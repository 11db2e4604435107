package dev.arbiter.desktop.exercise;

import dev.arbiter.core.exercise.ElapsedText;
import dev.arbiter.core.exercise.Exercise;
import dev.arbiter.core.exercise.ExerciseStatus;
import dev.arbiter.core.exercise.StepDone;
import dev.arbiter.core.playbook.Playbook;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One playbook step as the running exercise shows it: what to do, by whom, the Arbiter action, the target
 * time and where it stands on the exercise clock.
 *
 * @param number 1-based position in the playbook
 * @param action the Arbiter command that does it, or "" when the step is outside Arbiter
 * @param target the target time from the start ("05:00"), or "—" when the playbook sets none
 * @param state  "✓ 04:00 by Alice", "late 20:00 by Bob", "overdue", "due in 01:00", "missed" (ended) or "" (no target, not done)
 * @param done   true once the step was ticked
 */
public record ExerciseStepRow(int number, String text, String role, String action, String target, String state,
                              boolean done) {

    /** Step {@code number} (1-based) of {@code exercise} at {@code now} on the workspace clock. */
    static ExerciseStepRow of(Exercise exercise, int number, Instant now) {
        Playbook.Step step = exercise.playbook().steps().get(number - 1);
        Optional<Duration> within = step.within();
        Optional<StepDone> done = exercise.step(number);
        String state;
        if (done.isPresent()) {
            Duration after = done.get().after(exercise.startedAt());
            boolean late = within.isPresent() && after.compareTo(within.get()) > 0;
            state = (late ? "late " : "✓ ") + ElapsedText.of(after) + " by " + done.get().doneBy();
        } else if (exercise.status() == ExerciseStatus.ENDED) {
            state = "missed";
        } else if (exercise.status() == ExerciseStatus.PLANNED || within.isEmpty()) {
            state = "";
        } else {
            Duration left = within.get().minus(exercise.elapsed(now));
            state = left.isNegative() ? "overdue" : "due in " + ElapsedText.of(left);
        }
        return new ExerciseStepRow(number, step.text(), step.role(), step.action().map(a -> a.how()).orElse(""),
                within.map(ElapsedText::of).orElse("—"), state, done.isPresent());
    }
}
