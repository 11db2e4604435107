package dev.arbiter.core.decision;

import dev.arbiter.core.policy.AutonomyLimits;
import dev.arbiter.core.store.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The guide's time-boxed autonomy: "after N actions or M minutes without human
 * review, pause and request oversight." Counts, per agent, the actions allowed
 * without a person since a person last looked (approved or denied one of its
 * queued actions, or resumed it), and when the first of them was. Held in
 * memory and read back from the ledger on an agent's first request after a start.
 */
final class AutonomyTracker {

    /** Actions allowed without a person since the last review, and when the first was (null: none yet). */
    record Window(long actions, Instant since) {
        static final Window EMPTY = new Window(0, null);
    }

    private static final class State {
        long actions;
        Instant since;
        Instant lastReview = Instant.MIN;
        boolean exhausted;
    }

    private final Database database;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    AutonomyTracker(Database database) {
        this.database = database;
    }

    /**
     * Why {@code agentId} has used up its autonomy at {@code now}, in words; null
     * when it may go on. Once used up it stays so until {@link #humanReviewed}.
     */
    String exhausted(String agentId, AutonomyLimits limits, Instant now) {
        if (limits.maxActions() == null && limits.maxMinutes() == null) {
            return null;
        }
        State s = state(agentId);
        synchronized (s) {
            if (limits.maxActions() != null && s.actions >= limits.maxActions()) {
                s.exhausted = true;
                return s.actions + " actions without a human review reached max_autonomous_actions "
                        + limits.maxActions();
            }
            if (limits.maxMinutes() != null && s.since != null
                    && Duration.between(s.since, now).toMinutes() >= limits.maxMinutes()) {
                s.exhausted = true;
                return "acting for " + Duration.between(s.since, now).toMinutes()
                        + " minutes without a human review reached max_autonomous_minutes " + limits.maxMinutes();
            }
            return s.exhausted ? "time-boxed autonomy is used up until a person reviews the agent" : null;
        }
    }

    /** An action ran (or runs now) without a person approving it first. */
    void counted(String agentId, Instant now) {
        State s = state(agentId);
        synchronized (s) {
            if (s.actions == 0) {
                s.since = now;
            }
            s.actions = Saturating.add(s.actions, 1);
        }
    }

    /** True when the limit was hit and no person has looked since. */
    boolean isExhausted(String agentId) {
        State s = states.get(agentId);
        if (s == null) {
            return false;
        }
        synchronized (s) {
            return s.exhausted;
        }
    }

    /** A person looked at the agent's work at {@code at}: autonomy starts afresh. */
    void humanReviewed(String agentId, Instant at) {
        State s = state(agentId);
        synchronized (s) {
            if (at.isBefore(s.lastReview)) {
                return;
            }
            s.lastReview = at;
            s.actions = 0;
            s.since = null;
            s.exhausted = false;
        }
    }

    private State state(String agentId) {
        State s = states.get(agentId);
        if (s != null) {
            return s;
        }
        return states.computeIfAbsent(agentId, id -> {
            Window w = database.read(c -> DecisionStore.autonomySinceReview(c, id));
            State fresh = new State();
            fresh.actions = w.actions();
            fresh.since = w.since();
            return fresh;
        });
    }
}
