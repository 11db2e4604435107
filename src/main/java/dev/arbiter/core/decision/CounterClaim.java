package dev.arbiter.core.decision;

import dev.arbiter.core.policy.AgentPolicy;
import dev.arbiter.core.policy.DailyBudget;
import dev.arbiter.core.policy.RiskTier;
import dev.arbiter.core.store.Tx;
import dev.arbiter.core.store.TxWork;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The part of one decision that moves shared counters, run by the ledger
 * writer inside the transaction that writes the decision (no fsync of its
 * own): the day's spend always; for an answer that passed the policy, also the
 * rate windows, the budget and time-boxed autonomy, in the engine's order. A
 * counter that refuses throws {@link CounterRefusal}; the savepoint around
 * this work rolls everything back and the engine writes the denial (with a
 * claim {@link #spendOnly()}).
 */
final class CounterClaim implements TxWork<Void> {

    /** What the counters check for an answer that passed the policy; null for one that did not. */
    record Checks(AgentPolicy policy, String cite, RiskTier tier) {
    }

    private final Counters counters;
    private final String agentId;
    private final Instant now;
    private final long tokens;
    private final double costUsd;
    private final DailyBudget budget;
    private final Checks checks;
    private volatile BudgetTracker.Tally tally;

    CounterClaim(Counters counters, String agentId, Instant now, long tokens, double costUsd, DailyBudget budget,
                 Checks checks) {
        this.counters = counters;
        this.agentId = agentId;
        this.now = now;
        this.tokens = tokens;
        this.costUsd = costUsd;
        this.budget = budget;
        this.checks = checks;
    }

    /** The same spend without the checks: for the denial written after a refusal. */
    CounterClaim spendOnly() {
        return new CounterClaim(counters, agentId, now, tokens, costUsd, budget, null);
    }

    /** The day's totals after this claim, and whether it crossed the alert share; null before it ran. */
    BudgetTracker.Tally tally() {
        return tally;
    }

    DailyBudget budget() {
        return budget;
    }

    @Override
    public Void run(Tx tx) throws SQLException {
        Connection c = tx.connection();
        BudgetTracker.Tally added = counters.budgets().add(c, agentId, now, tokens, costUsd,
                Counters.alertTokens(budget), Counters.alertUsd(budget));
        if (checks != null) {
            check(c, added.spent());
        }
        tally = added;
        return null;
    }

    private void check(Connection c, Spent spent) throws SQLException {
        AgentPolicy p = checks.policy();
        long nowMillis = now.toEpochMilli();
        if (!counters.rates().tryAction(c, agentId, p.rateLimits(), nowMillis)) {
            throw new CounterRefusal(ReasonCode.RATE_LIMITED, "more than " + p.rateLimits().actionsPerMinute()
                    + " actions in the last minute: rate_limits.actions_per_minute" + checks.cite());
        }
        if (checks.tier() == RiskTier.GATED && !counters.rates().tryEscalation(c, agentId, p.rateLimits(), nowMillis)) {
            throw new CounterRefusal(ReasonCode.ESCALATION_LIMIT, "more than " + p.rateLimits().escalationsPerHour()
                    + " escalations in the last hour: rate_limits.escalations_per_hour" + checks.cite());
        }
        String overBudget = Counters.overBudget(budget, spent);
        if (overBudget != null) {
            throw new CounterRefusal(ReasonCode.BUDGET_EXCEEDED, overBudget);
        }
        // a gated action waits for a person: it is checked, not counted
        String exhausted = counters.autonomy().claim(c, agentId, p.autonomy(), checks.tier() != RiskTier.GATED, now);
        if (exhausted != null) {
            throw new CounterRefusal(ReasonCode.AUTONOMY_LIMIT, exhausted + checks.cite()
                    + "; the agent is paused until a person resumes it");
        }
    }
}
