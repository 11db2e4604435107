package dev.arbiter.core.decision;

import dev.arbiter.core.policy.DataClass;
import java.util.List;
import java.util.Set;

/**
 * One agent asking permission for one action: the fields of the guide's audit
 * entry that exist before the action runs, and the context risk scoring reads.
 * Optional parts are null (or empty) when the agent did not send them.
 *
 * @param tokensConsumed tokens the agent spent to get here; they count against its daily budget
 * @param costUsd        what those tokens cost, when the agent knows; counts against the daily cost budget
 * @param contextJson    the agent's whole {@code context} object as JSON text, kept in the audit entry
 */
public record DecisionRequest(
        String agentId,
        String sessionId,
        String action,
        String inputSummary,
        String reasoning,
        Double confidence,
        List<String> toolsUsed,
        Long tokensConsumed,
        String target,
        Double amountUsd,
        Set<DataClass> dataClasses,
        Boolean reversible,
        Double costUsd,
        String contextJson) {

    public DecisionRequest {
        if (agentId == null || agentId.isBlank()) {
            throw new IllegalArgumentException("a decision request needs an agent_id");
        }
        if (action == null || action.isBlank()) {
            throw new IllegalArgumentException("a decision request needs an action (verb:resource)");
        }
        toolsUsed = toolsUsed == null ? List.of() : List.copyOf(toolsUsed);
        dataClasses = dataClasses == null ? Set.of() : Set.copyOf(dataClasses);
    }

    /** Just an agent and an action (tests, the simulator). */
    public static DecisionRequest of(String agentId, String action) {
        return new DecisionRequest(agentId, null, action, null, null, null, List.of(), null, null, null, Set.of(),
                null, null, null);
    }

    /** What the policy evaluator reads. */
    public ActionRequest toActionRequest() {
        return new ActionRequest(action, amountUsd, dataClasses, confidence, target, reversible);
    }

    public DecisionRequest withConfidence(Double value) {
        return new DecisionRequest(agentId, sessionId, action, inputSummary, reasoning, value, toolsUsed,
                tokensConsumed, target, amountUsd, dataClasses, reversible, costUsd, contextJson);
    }

    public DecisionRequest withTokens(Long tokens, Double cost) {
        return new DecisionRequest(agentId, sessionId, action, inputSummary, reasoning, confidence, toolsUsed,
                tokens, target, amountUsd, dataClasses, reversible, cost, contextJson);
    }

    public DecisionRequest withAmount(Double usd) {
        return new DecisionRequest(agentId, sessionId, action, inputSummary, reasoning, confidence, toolsUsed,
                tokensConsumed, target, usd, dataClasses, reversible, costUsd, contextJson);
    }

    public DecisionRequest withTarget(String hostPort) {
        return new DecisionRequest(agentId, sessionId, action, inputSummary, reasoning, confidence, toolsUsed,
                tokensConsumed, hostPort, amountUsd, dataClasses, reversible, costUsd, contextJson);
    }

    /** The same request with another context (masked for recording, see {@code ContextMask}). */
    public DecisionRequest withContextJson(String json) {
        return new DecisionRequest(agentId, sessionId, action, inputSummary, reasoning, confidence, toolsUsed,
                tokensConsumed, target, amountUsd, dataClasses, reversible, costUsd, json);
    }

    public DecisionRequest withReversible(Boolean value) {
        return new DecisionRequest(agentId, sessionId, action, inputSummary, reasoning, confidence, toolsUsed,
                tokensConsumed, target, amountUsd, dataClasses, value, costUsd, contextJson);
    }
}
