package dev.arbiter.core.decision;

import dev.arbiter.core.policy.RateLimits;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The guide's {@code rate_limits} per agent as exact sliding windows kept in
 * the shared {@code rate_bucket} table: actions per minute and escalations
 * (actions sent to a person for approval) per hour. Runs inside the ledger
 * writer's transaction, which holds the workspace's write lock, so two
 * processes on one file count one window and a restart keeps it; the
 * transaction's events are written at its end ({@link RateWindowBatch}).
 *
 * <p>The window is the accepted events of the last minute (hour) whatever the
 * limit, so a changed limit applies to the same window: three used under a
 * limit of 3, the limit raised to 4, exactly one more passes this minute;
 * lowered to 2, none. Events are recorded only while a limit is set, by the version in force or by
 * the agent's version in shadow (which must count the real actions, issue 19). An event
 * at {@code t} is inside the window at {@code now} while {@code now - t <
 * window}. A decision is judged at its stamp, or, when the writer reaches it after a
 * prune removed an event its window would hold (it was stamped before a decision that
 * was claimed first), a window later than that event: its own event is recorded then,
 * so no window of grants holds more than the limit ({@link RateWindowBatch}). Clocks of
 * processes on one machine agree; between machines (team mode) a skew of s lets an event
 * leave the window up to s early or late.
 */
final class RateLimiter {

    static final long MINUTE = 60_000;
    static final long HOUR = 3_600_000;
    static final String ACTION = "action";
    static final String ESCALATION = "escalation";
    /**
     * Prune the recording agent's events of the kind that left the window once per this many recorded events
     * (per process): a seek on the window's index, so the rows a count must skip stay few.
     */
    private static final int PRUNE_AGENT_EVERY = 64;
    /**
     * Prune every agent's old events once per this many: a scan of the whole table (no index leads with the
     * time), so rare; it removes what agents that stopped acting left behind.
     */
    private static final int PRUNE_ALL_EVERY = 32_768;

    /** Events written by this process, for the prune cadence. */
    private final AtomicLong written = new AtomicLong();

    /** Which prune a batch of written events makes due. */
    enum Prune {
        NONE,
        /** The writing agent's events of the kind that left the window. */
        AGENT,
        /** Every agent's events that left the windows. */
        EVERY_AGENT
    }

    /** The window's length of {@code kind} in ms: {@link #MINUTE} for actions, {@link #HOUR} for escalations. */
    static long windowOf(String kind) {
        return ESCALATION.equals(kind) ? HOUR : MINUTE;
    }

    /**
     * Counts an action of the view's agent; false (nothing counted) when it would exceed
     * {@code actions_per_minute}. The window is read through {@code view}, so the decision's entry
     * records the count it was judged against; a refused claim's savepoint withdraws the action
     * again ({@link CounterView#accept}). {@code forShadow}: the agent's version in shadow sets
     * the limit, so the action is counted although {@code limits} sets none.
     */
    boolean tryAction(CounterView view, RateLimits limits, boolean forShadow) throws SQLException {
        Integer limit = limits.actionsPerMinute();
        if (limit == null) {
            return !forShadow || view.accept(ACTION);
        }
        return limit >= 1 && view.actions(limit) < limit && view.accept(ACTION);
    }

    /**
     * Counts an escalation of the view's agent; false when it would exceed {@code escalations_per_hour}.
     * {@code forShadow} as for {@link #tryAction}.
     */
    boolean tryEscalation(CounterView view, RateLimits limits, boolean forShadow) throws SQLException {
        Integer limit = limits.escalationsPerHour();
        if (limit == null) {
            return !forShadow || view.accept(ESCALATION);
        }
        return limit >= 1 && view.escalations(limit) < limit && view.accept(ESCALATION);
    }

    /** The prune due once {@code events} more are written: per {@value #PRUNE_ALL_EVERY} or {@value #PRUNE_AGENT_EVERY}. */
    Prune prunesDue(int events) {
        long before = written.getAndAdd(events);
        long after = before + events;
        if (before / PRUNE_ALL_EVERY != after / PRUNE_ALL_EVERY) {
            return Prune.EVERY_AGENT;
        }
        return before / PRUNE_AGENT_EVERY != after / PRUNE_AGENT_EVERY ? Prune.AGENT : Prune.NONE;
    }
}
