package dev.arbiter.core.decision;

/**
 * What happened when an allowed action ran, as the agent reports it.
 *
 * @param outputJson the agent's {@code output} object as JSON text; null when none
 */
public record Outcome(String outputJson, Long latencyMs, Long tokensConsumed, Double costUsd) {
}
