package dev.arbiter.core.decision;

import dev.arbiter.core.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

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
        Spent before = CounterStore.spend(c, agentId, day);
        if (before == null) {
            CounterStore.seedSpend(c, agentId, day, midnightOf(now));
            before = CounterStore.spend(c, agentId, day);
        }
        Spent after = CounterStore.addSpend(c, agentId, day, tokens, costUsd);
        boolean crossed = alertTokens != null && before.tokens() < alertTokens && after.tokens() >= alertTokens
                || alertUsd != null && before.costUsd() < alertUsd && after.costUsd() >= alertUsd;
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
