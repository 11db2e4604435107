package dev.arbiter.core.policy;

/** The guide's {@code rate_limits}; a null limit means none. */
public record RateLimits(Integer actionsPerMinute, Integer escalationsPerHour) {
    public static final RateLimits NONE = new RateLimits(null, null);
}
