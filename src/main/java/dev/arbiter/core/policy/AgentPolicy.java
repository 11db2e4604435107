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

    /**
     * The first denied pattern that covers {@code action} (the action itself or anything below
     * it, see {@link ActionPattern#covers}), or null.
     */
    public ActionPattern deniedBy(ActionName action) {
        for (ActionPattern pattern : deniedActions) {
            if (pattern.covers(action)) {
                return pattern;
            }
        }
        return null;
    }

    /** The first allowed pattern that matches the whole of {@code action}, or null. */
    public ActionPattern allowedBy(ActionName action) {
        for (ActionPattern pattern : allowedActions) {
            if (pattern.matches(action)) {
                return pattern;
            }
        }
        return null;
    }

    /** The first network entry that covers {@code target} (canonical), or null. */
    public NetworkTarget networkEntryFor(HostPort target) {
        for (NetworkTarget entry : networkAccess) {
            if (entry.matches(target)) {
                return entry;
            }
        }
        return null;
    }

    /** The first tier override (in file order) that matches the whole of {@code action}, or null. */
    public TierOverride tierOverrideFor(ActionName action) {
        for (TierOverride override : tierOverrides) {
            if (override.pattern().matches(action)) {
                return override;
            }
        }
        return null;
    }

    /**
     * The {@code risk_context.irreversible_actions} pattern that covers {@code action} (itself or
     * anything below it: more risk, never less), or null.
     */
    public ActionPattern irreversibleBy(ActionName action) {
        for (ActionPattern pattern : riskContext.irreversibleActions()) {
            if (pattern.covers(action)) {
                return pattern;
            }
        }
        return null;
    }
}
