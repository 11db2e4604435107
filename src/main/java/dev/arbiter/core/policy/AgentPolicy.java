package dev.arbiter.core.policy;

import java.time.Duration;
import java.util.List;

/**
 * An agent permission policy: the guide's {@code agent_policy} (name, allowed
 * and denied actions, rate limits, sandbox, network access) plus Arbiter's
 * optional additions, each with the default named in {@link PolicyDefaults}
 * ({@code mcpTools}: how MCP tool calls map to actions, {@link McpTools#DEFAULT} without {@code mcp_} keys).
 *
 * <p>Immutable and pre-compiled (patterns parsed once) so the gateway can
 * evaluate it on every request without allocating.
 */
public record AgentPolicy(
        String name,
        String description,
        List<ActionPattern> allowedActions,
        List<ActionPattern> deniedActions,
        RateLimits rateLimits,
        boolean sandbox,
        List<NetworkTarget> networkAccess,
        double confidenceThreshold,
        RiskThresholds riskThresholds,
        List<TierOverride> tierOverrides,
        AutonomyLimits autonomy,
        DailyBudget budget,
        Duration approvalTimeout,
        Duration reviewSla,
        RiskContext riskContext,
        RiskWeights riskWeights,
        McpTools mcpTools) {

    public AgentPolicy {
        allowedActions = List.copyOf(allowedActions);
        deniedActions = List.copyOf(deniedActions);
        networkAccess = List.copyOf(networkAccess);
        tierOverrides = List.copyOf(tierOverrides);
    }

    /** The first denied pattern that matches, or null. */
    public ActionPattern deniedBy(String action) {
        return firstMatch(deniedActions, action);
    }

    /** The first allowed pattern that matches, or null. */
    public ActionPattern allowedBy(String action) {
        return firstMatch(allowedActions, action);
    }

    /** The first network entry that covers {@code hostPort}, or null. */
    public NetworkTarget networkEntryFor(String hostPort) {
        for (NetworkTarget target : networkAccess) {
            if (target.matches(hostPort)) {
                return target;
            }
        }
        return null;
    }

    /** The first tier override (in file order) that matches, or null. */
    public TierOverride tierOverrideFor(String action) {
        for (TierOverride override : tierOverrides) {
            if (override.pattern().matches(action)) {
                return override;
            }
        }
        return null;
    }

    /** True when the policy lists the action as irreversible in {@code risk_context}. */
    public ActionPattern irreversibleBy(String action) {
        return firstMatch(riskContext.irreversibleActions(), action);
    }

    private static ActionPattern firstMatch(List<ActionPattern> patterns, String action) {
        for (int i = 0, n = patterns.size(); i < n; i++) {
            ActionPattern pattern = patterns.get(i);
            if (pattern.matches(action)) {
                return pattern;
            }
        }
        return null;
    }
}
