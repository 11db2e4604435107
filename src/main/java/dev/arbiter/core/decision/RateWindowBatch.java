package dev.arbiter.core.decision;

import dev.arbiter.core.store.Tx;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The rate windows as one write transaction sees them: the agents' events as the {@code rate_bucket} table held
 * them when the transaction began, plus the events its decisions accepted so far, which are written together,
 * one upsert per agent and kind, just before it commits ({@link Tx#beforeCommit}). The writer holds the
 * workspace's write lock for the whole transaction, so no other process moves the rows meanwhile and a window is
 * read once per edge (millisecond), not once per decision. Issue 19: the windows a version in shadow needs cost
 * the gateway about 15 % of its decisions/s when every decision read the window and wrote its event row on the
 * writer's thread, each its own pages to sync. Prunes are done at the end too, at the oldest edge the
 * transaction counted, so no decision in it loses an event it counted.
 *
 * <p>Not thread-safe: the writer's thread alone uses it, inside its transaction. Dropped with the transaction,
 * so a rollback leaves neither rows nor events in memory.
 */
final class RateWindowBatch {

    /**
     * Stale buckets a count finds that make the batch prune the agent's window when it writes: walking them
     * costs each count about 0.3 µs a bucket, a prune a few µs however few it removes; 16 cost the least of 4, 8,
     * 16 and 64 (SQLite 3.50, 150,000 events in the window, one row each then).
     */
    static final int PRUNE_STALE = 16;

    private final RateLimiter limiter;
    private final Map<Key, Window> windows = new HashMap<>();
    private final Tx tx;
    /** Whether {@link #write} is registered to run before the transaction commits. */
    private boolean writeRegistered;

    private RateWindowBatch(Tx tx, RateLimiter limiter) {
        this.tx = tx;
        this.limiter = limiter;
    }

    /** The transaction's batch, made on first use. */
    static RateWindowBatch of(Tx tx, RateLimiter limiter) {
        return tx.state(RateWindowBatch.class, () -> new RateWindowBatch(tx, limiter));
    }

    private record Key(String agentId, String kind) {
    }

    /** One agent's window of one kind in this transaction. */
    private static final class Window {
        /** Events the table holds for the window (unchanged until {@link #write}), as the first read found. */
        final long total;
        /** The newest event a prune removed (V34 {@code rate_total.pruned_to}): a window before it lost events. */
        final long prunedTo;
        /** Events at or before an edge, by edge (epoch ms), as read. */
        final Map<Long, Long> staleAt = new HashMap<>();
        /** Events accepted in this transaction, not written yet: how many at each epoch ms. */
        final SortedMap<Long, Integer> pending = new TreeMap<>();
        /** The oldest edge counted or implied by an event: rows at or before it are out of every window here. */
        long pruneEdge = Long.MAX_VALUE;
        /** The most buckets out of the window a count found. */
        long mostStale;

        Window(CounterStore.Rows first, long edge) {
            total = first.total();
            prunedTo = first.prunedTo();
            if (edge >= prunedTo) {
                remember(edge, first);
            }
        }

        void remember(long edge, CounterStore.Rows rows) {
            staleAt.put(edge, rows.atOrBefore());
            mostStale = Math.max(mostStale, rows.staleBuckets());
        }
    }

    /**
     * The edge the agent's window of {@code kind} at {@code nowMs} is judged by: {@code nowMs - window}, or, for a
     * decision stamped before a prune that another transaction already made, the newest event that prune removed.
     * Its window would hold that event, so it is judged as if made at {@code prunedTo + window} instead, whose window
     * holds every event there is (issue 19 attack: a decision stamped at 59.999 s claimed after one at 60.019 s pruned
     * the minute's 20 events passed a limit of 20 five times over). Reads the window on first use.
     */
    private Judged judge(Connection c, String agentId, String kind, long nowMs) throws SQLException {
        long edge = nowMs - RateLimiter.windowOf(kind);
        Key key = new Key(agentId, kind);
        Window w = windows.get(key);
        if (w == null) {
            w = new Window(CounterStore.rowsAt(c, agentId, kind, edge), edge);
            windows.put(key, w);
        }
        long judged = Math.max(edge, w.prunedTo);
        w.pruneEdge = Math.min(w.pruneEdge, judged);
        return new Judged(w, judged);
    }

    /** A window and the edge (epoch ms) one decision is judged by. */
    private record Judged(Window window, long edge) {
    }

    /**
     * Events of {@code kind} of the agent inside the window that ends at {@code nowMs} (exclusive of events at or
     * before {@code nowMs - window}), this transaction's accepted ones included, counted up to {@code cap}; for a
     * decision stamped before a prune, the window that ends at the prune's edge plus the window's length.
     */
    int count(Connection c, String agentId, String kind, long nowMs, int cap) throws SQLException {
        Judged j = judge(c, agentId, kind, nowMs);
        Window w = j.window();
        Long stale = w.staleAt.get(j.edge());
        if (stale == null) {
            CounterStore.Rows rows = CounterStore.rowsAt(c, agentId, kind, j.edge());
            w.remember(j.edge(), rows);
            stale = rows.atOrBefore();
        }
        long inside = w.total - stale;
        for (int events : w.pending.tailMap(j.edge() + 1).values()) {
            inside += events;
        }
        return (int) Math.max(0, Math.min(cap, inside));
    }

    /**
     * An accepted event of the agent stamped {@code nowMs}: counted by the rest of the transaction, written at its
     * end, at the moment it was judged at ({@link #judge}); withdrawn if the savepoint of the decision that accepted
     * it is rolled back (its entry is not written then).
     *
     * @return the epoch ms the event is recorded at: {@code nowMs}, or later for a decision stamped before a prune
     */
    long add(Connection c, String agentId, String kind, long nowMs) throws SQLException {
        Judged j = judge(c, agentId, kind, nowMs);
        Window w = j.window();
        long atMs = j.edge() + RateLimiter.windowOf(kind);
        w.pending.merge(atMs, 1, Integer::sum);
        tx.onRollback(() -> w.pending.computeIfPresent(atMs, (ms, events) -> events == 1 ? null : events - 1));
        if (!writeRegistered) {
            writeRegistered = true;
            tx.beforeCommit(this::write);
        }
        return atMs;
    }

    /**
     * Writes the pending events and prunes what fell due ({@link RateLimiter#prunesDue}), then starts over from
     * the rows as written. Runs before the transaction commits; a failure rolls all of it back.
     */
    private Void write(Connection c) throws SQLException {
        writeRegistered = false;
        boolean everyAgentDue = false;
        long oldestNow = Long.MAX_VALUE;
        for (Map.Entry<Key, Window> e : windows.entrySet()) {
            Key k = e.getKey();
            Window w = e.getValue();
            if (!w.pending.isEmpty()) {
                CounterStore.recordEvents(c, k.agentId(), k.kind(), w.pending);
            }
            RateLimiter.Prune due = limiter.prunesDue(w.pending.values().stream().mapToInt(Integer::intValue).sum());
            everyAgentDue |= due == RateLimiter.Prune.EVERY_AGENT;
            oldestNow = Math.min(oldestNow, w.pruneEdge + RateLimiter.windowOf(k.kind()));
            if (due == RateLimiter.Prune.AGENT || w.mostStale >= PRUNE_STALE) {
                CounterStore.prune(c, k.agentId(), k.kind(), w.pruneEdge);
            }
        }
        if (everyAgentDue) {
            // at the oldest moment this transaction judged: no decision in it counted a row this removes
            CounterStore.prune(c, RateLimiter.ACTION, oldestNow - RateLimiter.MINUTE);
            CounterStore.prune(c, RateLimiter.ESCALATION, oldestNow - RateLimiter.HOUR);
        }
        windows.clear();
        return null;
    }
}
