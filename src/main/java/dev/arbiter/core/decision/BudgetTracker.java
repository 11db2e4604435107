package dev.arbiter.core.decision;

import dev.arbiter.core.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each agent spent today (UTC), in tokens and dollars: every request's
 * and every outcome's {@code tokens_consumed} (and {@code cost_usd}) counts,
 * whatever the decision, since the tokens were spent either way. Kept in the
 * shared {@code agent_spend} table and moved inside the ledger writer's
 * transaction with the entry that spent it, so every process on the workspace
 * sees one total and a restart changes nothing. Totals saturate at the
 * largest {@code long} (tokens) and {@code double} (dollars).
 */
final class BudgetTracker {

    /** Today's totals after an addition, and whether this addition crossed the alert share. */
    record Tally(Spent spent, boolean crossedAlert) {
    }

    private final Database database;
    /** Agent and day keys whose spend row is known to exist (committed): no need to look before adding. */
    private final Set<String> rowsSeen = ConcurrentHashMap.newKeySet();

    BudgetTracker(Database database) {
        this.database = database;
    }

    /**
     * Adds what a request or outcome spent, inside the caller's write
     * transaction; flags when this addition crossed the alert share (tokens or
     * dollars; null = no alert). Crossing, not being over: across processes and
     * restarts exactly one addition crosses.
     *
     * @param tokens non-negative ({@link Saturating#tokens})
     * @param costUsd non-negative and finite ({@link Saturating#usd})
     */
    Tally add(Connection c, String agentId, Instant now, long tokens, double costUsd, Long alertTokens,
              Double alertUsd) throws SQLException {
        String day = CounterStore.dayOf(now);
        String key = agentId + '\n' + day;
        if (!rowsSeen.contains(key)) {
            if (CounterStore.spend(c, agentId, day) == null) {
                // the day's first addition: start the row from what the ledger already holds for the day
                CounterStore.seedSpend(c, agentId, day, midnightOf(now));
            } else {
                // Found, so written by an earlier claim: from now on add without looking. (Only a
                // failed batch could undo a row a claim of the same batch had just seeded; then the
                // batch's decisions all failed, nothing was answered, and at worst the day undercounts.)
                rowsSeen.add(key);
            }
        }
        Spent after = CounterStore.addSpend(c, agentId, day, tokens, costUsd);
        // what was there before, from the totals (exact unless the sum saturated, which is over any alert)
        long tokensBefore = after.tokens() == Long.MAX_VALUE ? Long.MAX_VALUE - tokens : after.tokens() - tokens;
        double usdBefore = after.costUsd() - costUsd;
        boolean crossed = alertTokens != null && tokensBefore < alertTokens && after.tokens() >= alertTokens
                || alertUsd != null && usdBefore < alertUsd && after.costUsd() >= alertUsd;
        return new Tally(after, crossed);
    }

    /** Today's totals as every process sees them (read-only: a day nobody spent on yet is read from the ledger). */
    Spent spent(String agentId, Instant now) {
        return database.read(c -> {
            Spent row = CounterStore.spend(c, agentId, CounterStore.dayOf(now));
            return row != null ? row : DecisionStore.spentSince(c, agentId, midnightOf(now));
        });
    }

    private static Instant midnightOf(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
