package dev.arbiter.core.exercise;

import dev.arbiter.core.event.ArbiterEvent;

/** An exercise was planned or changed in this process (other processes: {@code WorkspaceChanged} on "exercise"). */
public record ExercisesChanged(long id) implements ArbiterEvent {
}
