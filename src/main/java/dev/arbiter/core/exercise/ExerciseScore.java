package dev.arbiter.core.exercise;

import dev.arbiter.core.playbook.Playbook;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How well an exercise followed its playbook. The rule (Arbiter's own; the guide asks that "your team
 * should know exactly what to do" and that tabletop exercises are completed, and gives no score):
 * a step counts when it was done within its target time ({@code within}, measured from the exercise's
 * start, as a real incident's clock runs from when it is noticed); a step with no target counts when
 * it was done at all before the end. The score is the counted steps over all steps of the playbook,
 * as a whole percent rounded down, so 100 % means every step was done, each in time.
 *
 * @param inTime  steps done within their target time (or done at all, for steps with no target)
 * @param late    steps done after their target time
 * @param missed  steps not done when the exercise ended
 * @param percent {@code 100 * inTime / total}, rounded down; 0 to 100
 */
public record ExerciseScore(int inTime, int late, int missed, int percent) {

    /** Scores {@code done} against {@code playbook}, with the exercise started at {@code startedAt}. */
    public static ExerciseScore of(Playbook playbook, Instant startedAt, List<StepDone> done) {
        int inTime = 0;
        int late = 0;
        int total = playbook.steps().size();
        for (int n = 1; n <= total; n++) {
            int step = n;
            StepDone d = done.stream().filter(s -> s.step() == step).findFirst().orElse(null);
            if (d == null) {
                continue;
            }
            Duration target = playbook.steps().get(n - 1).within().orElse(null);
            if (target == null || d.after(startedAt).compareTo(target) <= 0) {
                inTime++;
            } else {
                late++;
            }
        }
        return new ExerciseScore(inTime, late, total - inTime - late, total == 0 ? 0 : 100 * inTime / total);
    }

    /** "4 of 6 steps in time, 1 late, 1 missed: 66 %". */
    public String summary() {
        return inTime + " of " + (inTime + late + missed) + " steps in time, " + late + " late, " + missed
                + " missed: " + percent + " %";
    }
}
