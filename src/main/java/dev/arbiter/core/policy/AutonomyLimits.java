package dev.arbiter.core.policy;

/**
 * The guide's time-boxed autonomy: after this many autonomous actions, or this
 * many minutes since a human last looked, the agent pauses for oversight. Null
 * means no limit of that kind.
 */
public record AutonomyLimits(Integer maxActions, Integer maxMinutes) {
    public static final AutonomyLimits NONE = new AutonomyLimits(null, null);
}
