package dev.arbiter.core.decision;

import dev.arbiter.core.policy.AutonomyLimits;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * The guide's time-boxed autonomy: "after N actions or M minutes without human
 * review, pause and request oversight." Counts, per agent, the actions allowed
 * without a person since a person last looked (approved or denied one of its
 * queued actions, resumed or added it), and when the first of them was.
 *
 * <p>The count is the shared {@code agent_autonomy} row (V10), read and moved
 * inside the ledger writer's transaction with the decision that moves it, so
 * the limit holds in total across every gateway on the workspace and across
 * restarts. A person's review resets it in the transaction that records the
 * review (a trigger on the ledger, see V10). A missing row (first action
 * since a review, or a workspace from before V10) starts from the ledger.
 */
final class AutonomyTracker {

    /** Actions allowed without a person since the last review, and when the first was (null: none yet). */
    record Window(long actions, Instant since) {
        static final Window EMPTY = new Window(0, null);
    }

    /**
     * Checks the agent's autonomy at {@code now} inside the caller's write
     * transaction and, when it may go on and {@code counts} (an action that
     * runs without a person approving it first), counts the action. {@code forShadow}: the agent's
     * version in shadow sets a limit, so the count is kept although {@code limits} sets none.
     *
     * @return why the agent has used up its autonomy, in words; null when it may go on
     */
    String claim(Connection c, CounterView view, String agentId, AutonomyLimits limits, boolean counts,
                 boolean forShadow) throws SQLException {
        boolean unlimited = limits.maxActions() == null && limits.maxMinutes() == null;
        if (unlimited && !forShadow) {
            // nothing to count against; a count kept now would be stale if limits came back later,
            // so drop it and let a later limit start from the ledger, which saw every action
            CounterStore.forgetAutonomy(c, agentId);
            return null;
        }
        Instant now = view.now();
        Window w = view.autonomy();
        String exhausted = unlimited ? null : exhausted(w, limits, now);
        if (exhausted == null && counts) {
            CounterStore.putAutonomy(c, agentId,
                    new Window(Saturating.add(w.actions(), 1), w.since() == null ? now : w.since()));
        }
        return exhausted;
    }

    /** Why {@code w} has used up {@code limits} at {@code now}, in words; null when it has not. */
    static String exhausted(Window w, AutonomyLimits limits, Instant now) {
        if (limits.maxActions() != null && w.actions() >= limits.maxActions()) {
            return w.actions() + " actions without a human review reached max_autonomous_actions "
                    + limits.maxActions();
        }
        if (limits.maxMinutes() != null && w.since() != null
                && Duration.between(w.since(), now).toMinutes() >= limits.maxMinutes()) {
            return "acting for " + Duration.between(w.since(), now).toMinutes()
                    + " minutes without a human review reached max_autonomous_minutes " + limits.maxMinutes();
        }
        return null;
    }
}
