package dev.arbiter.core.decision;

import dev.arbiter.core.policy.RateLimits;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The guide's {@code rate_limits} per agent, as sliding windows in memory:
 * actions per minute and escalations (actions sent to a person for approval)
 * per hour. A restart starts with empty windows, which at worst lets an agent
 * have one more minute's (or hour's) worth; two gateway processes on one
 * workspace each count their own traffic.
 */
final class RateLimiter {

    static final long MINUTE = 60_000;
    static final long HOUR = 3_600_000;

    private final Map<String, SlidingWindow> actions = new ConcurrentHashMap<>();
    private final Map<String, SlidingWindow> escalations = new ConcurrentHashMap<>();

    /** Counts an action of {@code agentId}; false when it would exceed {@code actions_per_minute}. */
    boolean tryAction(String agentId, RateLimits limits, long nowMillis) {
        return tryAcquire(actions, agentId, limits.actionsPerMinute(), MINUTE, nowMillis);
    }

    /** Counts an escalation of {@code agentId}; false when it would exceed {@code escalations_per_hour}. */
    boolean tryEscalation(String agentId, RateLimits limits, long nowMillis) {
        return tryAcquire(escalations, agentId, limits.escalationsPerHour(), HOUR, nowMillis);
    }

    private static boolean tryAcquire(Map<String, SlidingWindow> windows, String agentId, Integer limit,
                                      long windowMillis, long nowMillis) {
        if (limit == null) {
            return true;
        }
        if (limit < 1) {
            return false;
        }
        SlidingWindow window = windows.get(agentId);
        if (window == null || window.limit() != limit) {
            // first action, or the policy's limit changed: start a window of the new size
            window = windows.compute(agentId, (id, w) -> w == null || w.limit() != limit
                    ? new SlidingWindow(limit, windowMillis) : w);
        }
        return window.tryAcquire(nowMillis);
    }
}
