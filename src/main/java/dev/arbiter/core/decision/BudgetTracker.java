package dev.arbiter.core.decision;

import dev.arbiter.core.store.Database;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each agent spent today (UTC), in tokens and dollars: every request's
 * and every outcome's {@code tokens_consumed} (and {@code cost_usd}) counts,
 * whatever the decision, since the tokens were spent either way. Held in
 * memory; an agent's first request after a start reads today's total back
 * from the ledger, so a restart does not refill a budget.
 */
final class BudgetTracker {

    private static final class Day {
        final LocalDate day;
        long tokens;
        double costUsd;

        Day(LocalDate day, Spent spent) {
            this.day = day;
            this.tokens = spent.tokens();
            this.costUsd = spent.costUsd();
        }
    }

    /** Today's totals after an addition, and whether this addition crossed the alert share. */
    record Tally(Spent spent, boolean crossedAlert) {
    }

    private final Database database;
    private final Map<String, Day> days = new ConcurrentHashMap<>();

    BudgetTracker(Database database) {
        this.database = database;
    }

    /** Adds what a request or outcome spent; flags when it crosses the alert share (tokens or dollars; null = none). */
    Tally add(String agentId, Instant now, long tokens, double costUsd, Long alertTokens, Double alertUsd) {
        Day day = today(agentId, now);
        synchronized (day) {
            // crossing, not being over: after a restart the ledger already has the day's alert
            boolean crossed = alertTokens != null && day.tokens < alertTokens && day.tokens + tokens >= alertTokens
                    || alertUsd != null && day.costUsd < alertUsd && day.costUsd + costUsd >= alertUsd;
            day.tokens += tokens;
            day.costUsd += costUsd;
            return new Tally(new Spent(day.tokens, day.costUsd), crossed);
        }
    }

    Spent spent(String agentId, Instant now) {
        Day day = today(agentId, now);
        synchronized (day) {
            return new Spent(day.tokens, day.costUsd);
        }
    }

    private Day today(String agentId, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Day day = days.get(agentId);
        if (day != null && day.day.equals(today)) {
            return day;
        }
        return days.compute(agentId, (id, d) -> {
            if (d != null && d.day.equals(today)) {
                return d;
            }
            if (d != null) {
                return new Day(today, Spent.NONE); // a new day: the budget starts over
            }
            Instant midnight = today.atStartOfDay(ZoneOffset.UTC).toInstant();
            return new Day(today, database.read(c -> DecisionStore.spentSince(c, id, midnight)));
        });
    }
}
