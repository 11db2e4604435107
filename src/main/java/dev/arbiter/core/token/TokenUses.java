package dev.arbiter.core.token;

import dev.arbiter.core.store.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When each token was last used, without a write on the gateway's request path: a use is
 * remembered in memory (one map update), and the remembered uses are written together at most
 * once a {@link #FLUSH_EVERY} per token, and on close. Every gateway process does the same on
 * a shared database; the stored time only moves forward, so the latest use wins.
 *
 * <p>Bounded: at most one entry per token that passed the check (made-up ids never get here).
 * A failed write (database offline) keeps the entries for the next attempt; a use that was
 * never written because the process was killed is at most one minute of "last used" lost,
 * never a decision or an audit entry.
 */
public final class TokenUses implements AutoCloseable {

    /** How often remembered uses are written: "last used" is exact to this. */
    public static final Duration FLUSH_EVERY = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(TokenUses.class);

    private final Database database;
    private final Map<String, Instant> pending = new ConcurrentHashMap<>();
    private ScheduledExecutorService flusher;

    TokenUses(Database database) {
        this.database = database;
    }

    /** Remembers a use (request path: no I/O). */
    void used(String tokenId, Instant at) {
        pending.merge(tokenId, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** The last use of every token that has one: the stored times, newer remembered ones on top. */
    Map<String, Instant> lastUses() {
        Map<String, Instant> out = new HashMap<>(database.read(TokenStore::lastUses));
        pending.forEach((id, at) -> out.merge(id, at, (a, b) -> a.isAfter(b) ? a : b));
        return out;
    }

    /** Starts writing remembered uses every {@link #FLUSH_EVERY}; idempotent. */
    synchronized void start() {
        if (flusher != null) {
            return;
        }
        flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "arbiter-token-uses");
            t.setDaemon(true);
            return t;
        });
        long every = FLUSH_EVERY.toMillis();
        flusher.scheduleWithFixedDelay(this::flushQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /** Writes every remembered use now, in one transaction; returns how many tokens were written. */
    public int flush() {
        Map<String, Instant> batch = new HashMap<>();
        for (String id : pending.keySet()) {
            Instant at = pending.remove(id);
            if (at != null) {
                batch.put(id, at);
            }
        }
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            database.write(tx -> {
                TokenStore.recordUses(tx.connection(), batch);
                return null;
            });
            return batch.size();
        } catch (RuntimeException e) {
            batch.forEach(this::used); // kept for the next attempt
            throw e;
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("Could not record the tokens' last use ({}); trying again in {} s", e.getMessage(),
                    FLUSH_EVERY.toSeconds());
        }
    }

    /** Stops the timer and writes what is remembered. */
    @Override
    public synchronized void close() {
        if (flusher != null) {
            flusher.shutdownNow();
            flusher = null;
        }
        flushQuietly();
    }
}
