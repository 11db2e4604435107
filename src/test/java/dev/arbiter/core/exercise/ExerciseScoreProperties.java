package dev.arbiter.core.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.playbook.Playbook;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The score rule and the state machine hold for any playbook and any times steps are done. */
class ExerciseScoreProperties {

    static final Instant START = Instant.parse("2026-11-30T09:00:00Z");

    @Property
    void theScoreCountsStepsInTimeOverAllStepsAndEveryStepIsCountedOnce(
            @ForAll @Size(min = 1, max = 12) List<@IntRange(min = -1, max = 120) Integer> targets,
            @ForAll @Size(min = 1, max = 12) List<@IntRange(min = -1, max = 200) Integer> doneAfter) {
        List<Playbook.Step> steps = new ArrayList<>();
        for (int t : targets) {
            steps.add(new Playbook.Step("do", "lead", Optional.empty(),
                    t < 0 ? Optional.empty() : Optional.of(Duration.ofMinutes(t))));
        }
        Playbook p = new Playbook("p", "P", "t", List.of("lead"), steps, "p.yaml");
        List<StepDone> done = new ArrayList<>();
        int expectedInTime = 0;
        for (int n = 1; n <= Math.min(targets.size(), doneAfter.size()); n++) {
            int after = doneAfter.get(n - 1);
            if (after < 0) {
                continue; // not done
            }
            done.add(new StepDone(n, START.plus(Duration.ofMinutes(after)), "a", "", "f", n));
            int target = targets.get(n - 1);
            if (target < 0 || after <= target) {
                expectedInTime++;
            }
        }
        ExerciseScore s = ExerciseScore.of(p, START, done);
        assertThat(s.inTime() + s.late() + s.missed()).isEqualTo(targets.size());
        assertThat(s.inTime()).isEqualTo(expectedInTime);
        assertThat(s.late() + s.inTime()).isEqualTo(done.size());
        assertThat(s.percent()).isBetween(0, 100).isEqualTo(100 * expectedInTime / targets.size());
        assertThat(s.percent() == 100).isEqualTo(expectedInTime == targets.size());
    }

    @Property
    void statusesOnlyMoveForwardOneStep(@ForAll ExerciseStatus from, @ForAll ExerciseStatus to) {
        assertThat(from.canMoveTo(to)).isEqualTo(to.ordinal() == from.ordinal() + 1);
    }

    @Property
    void injectsFallDueInOrderAsTheClockRuns(@ForAll @Size(max = 10) List<@IntRange(min = 0, max = 600) Integer> at,
                                              @ForAll @IntRange(min = 0, max = 700) int elapsed) {
        List<Playbook.Inject> injects = at.stream().map(m -> new Playbook.Inject(Duration.ofMinutes(m), "e" + m))
                .toList();
        Playbook p = new Playbook("p", "P", "t", List.of("lead"),
                List.of(new Playbook.Step("do", "lead", Optional.empty())), injects, "p.yaml");
        Exercise e = new Exercise(1, "s", p, List.of("a"), "f", ExerciseStatus.RUNNING, START, "f", START, null, "",
                Optional.empty(), List.of());
        Instant now = START.plus(Duration.ofMinutes(elapsed));
        List<Playbook.Inject> due = e.injectsDue(now);
        assertThat(due).hasSize((int) at.stream().filter(m -> m <= elapsed).count());
        assertThat(due).isSortedAccordingTo(java.util.Comparator.comparing(Playbook.Inject::at));
        e.nextInject(now).ifPresent(next -> assertThat(next.at()).isGreaterThan(Duration.ofMinutes(elapsed)));
        assertThat(e.injectsDue(START.minusSeconds(60))).allMatch(i -> i.at().isZero());
    }
}
