package dev.arbiter.core.decision;

import dev.arbiter.core.policy.DailyBudget;
import dev.arbiter.core.store.Database;

/**
 * The decision engine's counters and the budget arithmetic over them: daily
 * spend, rate windows and time-boxed autonomy, all shared through the store.
 */
final class Counters {

    private final BudgetTracker budgets;
    private final RateLimiter rates = new RateLimiter();
    private final AutonomyTracker autonomy;

    Counters(Database database) {
        this.budgets = new BudgetTracker(database);
        this.autonomy = new AutonomyTracker();
    }

    BudgetTracker budgets() {
        return budgets;
    }

    RateLimiter rates() {
        return rates;
    }

    AutonomyTracker autonomy() {
        return autonomy;
    }

    /** Why {@code spent} is over {@code budget}, in words; null when it is not. */
    static String overBudget(DailyBudget budget, Spent spent) {
        if (budget.tokens() != null && spent.tokens() > budget.tokens()) {
            return "the daily token budget of " + String.format("%,d", budget.tokens()) + " is used up ("
                    + String.format("%,d", spent.tokens()) + " tokens today)";
        }
        if (budget.costUsd() != null && spent.costUsd() > budget.costUsd().doubleValue()) {
            return "the daily cost budget of " + Decimals.usd(budget.costUsd().doubleValue()) + " is used up ("
                    + Decimals.usd(spent.costUsd()) + " today)";
        }
        return null;
    }

    /** Tokens at which the day's alert fires; null without a token budget. Never overflows. */
    static Long alertTokens(DailyBudget budget) {
        if (budget.tokens() == null) {
            return null;
        }
        long tokens = budget.tokens();
        // tokens * percent / 100 would overflow for budgets above ~9.2e16
        return tokens / 100 * budget.alertPercent() + tokens % 100 * budget.alertPercent() / 100;
    }

    static Double alertUsd(DailyBudget budget) {
        return budget.costUsd() == null ? null : budget.costUsd().doubleValue() * budget.alertPercent() / 100;
    }

    /** What is left of a limit after {@code spent}: never negative, never wrapped. */
    static long left(long limit, long spent) {
        return spent >= limit ? 0 : limit - spent;
    }
}
