package dev.arbiter.core.decision;

import dev.arbiter.core.agent.AgentStatus;

/**
 * May this agent act at all right now ({@code GET /v1/status}).
 *
 * @param status           the registry's status; null for an agent Arbiter does not know
 * @param budgetLeftTokens tokens left of today's budget; null when the budget has no token limit
 * @param budgetLeftUsd    dollars left of today's budget; null when it has no cost limit
 */
public record AgentGateStatus(String agentId, boolean killSwitch, boolean paused, AgentStatus status,
                              Long budgetLeftTokens, Double budgetLeftUsd) {
}
