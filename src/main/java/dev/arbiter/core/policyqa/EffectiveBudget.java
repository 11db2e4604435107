package dev.arbiter.core.policyqa;

import dev.arbiter.core.policy.AgentPolicy;
import dev.arbiter.core.policy.DailyBudget;

/**
 * The daily budget that applies to an agent, as the decision engine merges
 * it: each limit the agent sets itself, else its policy's; the alert share of
 * whichever sets limits.
 */
final class EffectiveBudget {

    private EffectiveBudget() {
    }

    static DailyBudget of(DailyBudget own, AgentPolicy policy) {
        DailyBudget policys = policy.budget() == null ? DailyBudget.NONE : policy.budget();
        if (!policys.isLimited()) {
            return own;
        }
        return new DailyBudget(own.tokens() != null ? own.tokens() : policys.tokens(),
                own.costUsd() != null ? own.costUsd() : policys.costUsd(),
                own.isLimited() ? own.alertPercent() : policys.alertPercent());
    }
}
