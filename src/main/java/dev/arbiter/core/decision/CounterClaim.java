package dev.arbiter.core.decision;

import dev.arbiter.core.audit.DetailAddition;
import dev.arbiter.core.policy.AgentPolicy;
import dev.arbiter.core.policy.DailyBudget;
import dev.arbiter.core.policy.RiskTier;
import dev.arbiter.core.store.Tx;
import dev.arbiter.core.store.TxWork;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of one decision that moves shared counters, run by the ledger
 * writer inside the transaction that writes the decision (no fsync of its
 * own): the day's spend always; for an answer that passed the policy, also the
 * rate windows, the budget and time-boxed autonomy, in the engine's order. A
 * counter that refuses throws {@link CounterRefusal}; the savepoint around
 * this work rolls everything back and the engine writes the denial (with a
 * claim {@link #spendOnly()}).
 *
 * <p>What the checks read is added to the decision's entry as {@code detail.counters}
 * ({@link CountersSeen}), and the agent's shadow version, if any, is judged over the same reads
 * and added as {@code detail.shadow} (issue 19): both inside this transaction, so a replay and the
 * shadow see exactly what the version in force saw. The shadow is written in its short form when it
 * agrees with the decision as written ({@link ShadowAnswer}), which only this claim knows: a counter
 * may still refuse. The windows and autonomy the shadow reads are kept for it although the version in
 * force sets no such limit ({@link ShadowNeeds}). A refused claim hands what it saw and the shadow's
 * answer to its {@link #spendOnly} claim, so the denial records the view that refused it.
 */
final class CounterClaim implements TxWork<DetailAddition> {

    private static final Logger LOG = LoggerFactory.getLogger(CounterClaim.class);

    /** What the counters check for an answer that passed the policy; null for one that did not. */
    record Checks(AgentPolicy policy, String cite, RiskTier tier) {
    }

    /** The reason code and tier the decision's entry records unless a counter refuses. */
    record Written(ReasonCode code, RiskTier tier) {
    }

    private final Counters counters;
    private final String agentId;
    private final Instant now;
    private final long tokens;
    private final double costUsd;
    private final DailyBudget budget;
    private final Checks checks;
    private final ShadowCheck shadow;
    private final Written written;
    private final Carried carried;
    /** False for an outcome's claim: its entry is not a decision and records no view. */
    private final boolean recordsView;
    private volatile BudgetTracker.Tally tally;
    /** What the last run saw and the shadow answered, for a refused claim's {@link #spendOnly()}. */
    private volatile Carried lastRun;

    /** A refused claim's view and shadow answer (null: no shadow), recorded with its denial. */
    private record Carried(CountersSeen seen, ShadowAnswer shadow) {
    }

    CounterClaim(Counters counters, String agentId, Instant now, long tokens, double costUsd, DailyBudget budget,
                 Checks checks, ShadowCheck shadow, Written written) {
        this(counters, agentId, now, tokens, costUsd, budget, checks, shadow, written, null, true);
    }

    /** The claim of an {@code action.outcome}: its spend only, nothing added to its entry. */
    static CounterClaim outcome(Counters counters, String agentId, Instant now, long tokens, double costUsd,
                                DailyBudget budget) {
        return new CounterClaim(counters, agentId, now, tokens, costUsd, budget, null, null, null, null, false);
    }

    private CounterClaim(Counters counters, String agentId, Instant now, long tokens, double costUsd,
                         DailyBudget budget, Checks checks, ShadowCheck shadow, Written written, Carried carried,
                         boolean recordsView) {
        this.counters = counters;
        this.agentId = agentId;
        this.now = now;
        this.tokens = tokens;
        this.costUsd = costUsd;
        this.budget = budget;
        this.checks = checks;
        this.shadow = shadow;
        this.written = written;
        this.carried = carried;
        this.recordsView = recordsView;
    }

    /**
     * The same spend without the checks: for the denial written after a refusal ({@code refused}, in the same
     * tier), with what the refusal saw.
     */
    CounterClaim spendOnly(ReasonCode refused) {
        return new CounterClaim(counters, agentId, now, tokens, costUsd, budget, null, null,
                new Written(refused, written == null ? null : written.tier()), lastRun, true);
    }

    /** The day's totals after this claim, and whether it crossed the alert share; null before it ran. */
    BudgetTracker.Tally tally() {
        return tally;
    }

    DailyBudget budget() {
        return budget;
    }

    @Override
    public DetailAddition run(Tx tx) throws SQLException {
        Connection c = tx.connection();
        BudgetTracker.Tally added = counters.budgets().add(c, agentId, now, tokens, costUsd,
                Counters.alertTokens(budget), Counters.alertUsd(budget));
        if (!recordsView) {
            tally = added;
            return null;
        }
        if (carried != null) {
            tally = added;
            return members(carried.seen(), carried.shadow());
        }
        CounterView view = new CounterView(c, RateWindowBatch.of(tx, counters.rates()), agentId, now, added.spent());
        // the shadow first: it must see the windows before this request's own events
        ShadowAnswer answer = shadow == null ? null : shadowAnswer(view);
        try {
            if (checks != null) {
                check(c, view, shadow == null ? ShadowNeeds.NONE : shadow.needs());
            }
        } finally {
            lastRun = new Carried(view.seen(), answer);
        }
        tally = added;
        return members(lastRun.seen(), answer);
    }

    private DetailAddition members(CountersSeen seen, ShadowAnswer answer) {
        String m = seen.member() + (answer == null ? ""
                : ",\"" + DecisionEngine.SHADOW + "\":" + answer.json(written.code(), written.tier()));
        return () -> m;
    }

    /** The shadow's answer; fail closed: a shadow that cannot be judged is recorded as such. */
    private ShadowAnswer shadowAnswer(CounterView view) throws SQLException {
        try {
            return shadow.answer(view);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.warn("The shadow could not be judged for {}: {}", agentId, e.toString());
            return shadow.failure("the shadow could not be evaluated: " + e.getMessage());
        }
    }

    private void check(Connection c, CounterView view, ShadowNeeds shadowNeeds) throws SQLException {
        AgentPolicy p = checks.policy();
        if (!counters.rates().tryAction(view, p.rateLimits(), shadowNeeds.actions())) {
            throw new CounterRefusal(ReasonCode.RATE_LIMITED, "more than " + p.rateLimits().actionsPerMinute()
                    + " actions in the last minute: rate_limits.actions_per_minute" + checks.cite());
        }
        if (checks.tier() == RiskTier.GATED
                && !counters.rates().tryEscalation(view, p.rateLimits(), shadowNeeds.escalations())) {
            throw new CounterRefusal(ReasonCode.ESCALATION_LIMIT, "more than " + p.rateLimits().escalationsPerHour()
                    + " escalations in the last hour: rate_limits.escalations_per_hour" + checks.cite());
        }
        String overBudget = Counters.overBudget(budget, view.spent());
        if (overBudget != null) {
            throw new CounterRefusal(ReasonCode.BUDGET_EXCEEDED, overBudget);
        }
        // a gated action waits for a person: it is checked, not counted
        String exhausted = counters.autonomy().claim(c, view, agentId, p.autonomy(), checks.tier() != RiskTier.GATED,
                shadowNeeds.autonomy());
        if (exhausted != null) {
            throw new CounterRefusal(ReasonCode.AUTONOMY_LIMIT, exhausted + checks.cite()
                    + "; the agent is paused until a person resumes it");
        }
    }
}
