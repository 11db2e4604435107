package dev.arbiter.core.queue;

import dev.arbiter.core.agent.Agent;
import dev.arbiter.core.decision.RiskScore;
import java.util.List;

/**
 * Everything a reviewer needs to decide one queued action, gathered in one
 * read: the item itself (summary, reasoning, the rule that escalated it in
 * {@code item().reason()}), what the agent sent besides (tools, target,
 * tokens, context), the factors behind its risk score, and the agent's recent
 * record.
 *
 * @param risk          the score's factors under the policy version that decided; null when
 *                      that version is gone or the action had no policy
 * @param agent         the agent as registered now; null when it is not (any more)
 * @param recentActions the agent's latest decisions before this one, newest first, each with what
 *                      became of it in the queue (never a stale "pending")
 */
public record ReviewBriefing(
        QueueItem item,
        ActionContext context,
        List<String> toolsUsed,
        String target,
        Long tokensConsumed,
        RiskScore risk,
        Agent agent,
        List<RecentAction> recentActions,
        ReviewTally tally) {

    public ReviewBriefing {
        toolsUsed = List.copyOf(toolsUsed);
        recentActions = List.copyOf(recentActions);
    }
}
