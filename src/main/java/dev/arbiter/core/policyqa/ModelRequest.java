package dev.arbiter.core.policyqa;

import dev.arbiter.core.decision.ActionRequest;

/**
 * One request as the decision model sees it: what the policy evaluator reads
 * plus what moves the daily budget.
 *
 * @param agentId  the agent asking (counters are kept per agent)
 * @param action   what the policy evaluator reads
 * @param tokens   {@code tokens_consumed}; null counts as 0
 * @param costUsd  {@code cost_usd} in US dollars; null counts as 0
 */
public record ModelRequest(String agentId, ActionRequest action, Long tokens, Double costUsd) {

    public ModelRequest {
        if (agentId == null || action == null) {
            throw new IllegalArgumentException("a model request needs an agent and an action");
        }
    }
}
