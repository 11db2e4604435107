package dev.arbiter.core.exercise;

/** A change the exercise's state does not allow (not started, ended, a step done twice); nothing changed. */
public final class ExerciseRuleException extends IllegalStateException {

    public ExerciseRuleException(String message) {
        super(message);
    }
}
