package dev.arbiter.core.exercise;

import dev.arbiter.core.playbook.Playbook;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A tabletop exercise (the guide's "Incident Response" dimension: "tabletop exercises completed"): a
 * scenario played through a playbook by participants, led by a facilitator.
 *
 * @param playbook   the playbook as it was when the exercise was planned (later edits do not change it)
 * @param startedAt  null until started
 * @param endedAt    null until ended
 * @param findings   what the exercise taught; empty until ended
 * @param score      set when ended
 * @param steps      the steps done, in playbook order
 */
public record Exercise(long id, String scenario, Playbook playbook, List<String> participants, String facilitator,
                       ExerciseStatus status, Instant plannedAt, String plannedBy, Instant startedAt, Instant endedAt,
                       String findings, Optional<Integer> score, List<StepDone> steps) {

    public Exercise {
        participants = List.copyOf(participants);
        steps = List.copyOf(steps);
    }

    /**
     * Time on the exercise clock at {@code now}: zero while planned, now − start while running, and the
     * whole length once ended (never negative, even when another host's clock is behind).
     */
    public Duration elapsed(Instant now) {
        if (startedAt == null) {
            return Duration.ZERO;
        }
        Duration d = Duration.between(startedAt, endedAt != null ? endedAt : now);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** The scenario's injects that have fallen due at {@code now}, in order (none while planned). */
    public List<Playbook.Inject> injectsDue(Instant now) {
        if (startedAt == null) {
            return List.of();
        }
        Duration e = elapsed(now);
        return playbook.injects().stream().filter(i -> i.at().compareTo(e) <= 0).toList();
    }

    /** The next inject to fall due after {@code now}, if any while running. */
    public Optional<Playbook.Inject> nextInject(Instant now) {
        if (status != ExerciseStatus.RUNNING) {
            return Optional.empty();
        }
        Duration e = elapsed(now);
        return playbook.injects().stream().filter(i -> i.at().compareTo(e) > 0).findFirst();
    }

    /** The record of step {@code n} (1-based), if it was done. */
    public Optional<StepDone> step(int n) {
        return steps.stream().filter(s -> s.step() == n).findFirst();
    }

    /** The score so far (running) or final (ended); the same rule either way, see {@link ExerciseScore}. */
    public ExerciseScore scoreAt(Instant now) {
        return ExerciseScore.of(playbook, startedAt == null ? now : startedAt, steps);
    }
}
