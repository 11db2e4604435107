package dev.arbiter.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.TextCut;
import dev.arbiter.core.decision.Decision;
import dev.arbiter.core.decision.Outcome;
import dev.arbiter.core.mcp.PinnedTool;
import dev.arbiter.core.mcp.ToolCallReading;
import dev.arbiter.core.mcp.ToolCallRequests;
import dev.arbiter.core.mcp.ToolDescriptor;
import dev.arbiter.core.mcp.ToolHints;
import dev.arbiter.core.policy.ActionName;
import dev.arbiter.core.policy.McpTools;
import dev.arbiter.core.policy.PolicyInForce;
import dev.arbiter.core.policy.ToolChangeRule;
import dev.arbiter.core.queue.EscalationQueue;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks Arbiter about one MCP {@code tools/call} before it may reach the
 * server: the same {@link dev.arbiter.core.decision.DecisionEngine} as
 * {@code POST /v1/actions}, so the kill switch, the agent's status, its
 * policy, rate limits, budgets and tiers all apply. A gated call is held
 * until a reviewer (in any process on the workspace) or the approval timeout
 * settles it. No decision logic here: this class translates.
 */
final class ToolCallGate {

    private static final Logger LOG = LoggerFactory.getLogger(ToolCallGate.class);
    /** Audit event of a call refused before any decision (unknown tool, bad arguments, changed tool). */
    static final String REJECTED = "mcp.call.rejected";
    static final String ACTOR = "mcp-proxy";

    private final Workspace workspace;
    private final String agentId;

    ToolCallGate(Workspace workspace, String agentId) {
        this.workspace = workspace;
        this.agentId = agentId;
    }

    String agentId() {
        return agentId;
    }

    /** The MCP settings of the agent's policy in force; defaults when it has none (then every call is denied). */
    McpTools tools() {
        return policy().map(p -> p.policy().mcpTools()).orElse(McpTools.DEFAULT);
    }

    private Optional<PolicyInForce> policy() {
        return workspace.agents().find(agentId).flatMap(a -> workspace.policies().inForce(
                a.profile().policyName(), a.profile().policyVersion()));
    }

    /**
     * True when the policy refuses {@code tool} whatever its arguments
     * (denied, or not allowed at all), so {@code tools/list} may hide it.
     */
    boolean deniedOutright(String tool) {
        Optional<PolicyInForce> policy = policy();
        if (policy.isEmpty()) {
            return false; // nothing to judge by; calls are refused with NO_POLICY, which the model should read
        }
        ActionName.Reading reading = ActionName.read(policy.get().policy().mcpTools().actionFor(tool));
        if (!(reading instanceof ActionName.Canonical canonical)) {
            return true; // a name the gateway would refuse is never allowed, so the tool is of no use to the model
        }
        ActionName action = canonical.name();
        return policy.get().policy().deniedBy(action) != null || policy.get().policy().allowedBy(action) == null;
    }

    /**
     * Rules on a call. {@code listed} is the tool as the server last listed
     * it, or null when the server does not offer it. Never fails: a ledger
     * that cannot record the decision refuses the call. {@code onHeld} hears of
     * a call that waits for a reviewer, before the wait.
     */
    CompletableFuture<GateAnswer> admit(String tool, ToolDescriptor listed, JsonNode arguments, String sessionId,
                                        Consumer<Decision> onHeld) {
        if (listed == null) {
            return unknown(tool, null);
        }
        JsonNode args = arguments == null || arguments.isNull() ? JsonNodeFactory.instance.objectNode() : arguments;
        if (!args.isObject()) {
            return rejected(tool, "arguments not an object", JsonRpc.INVALID_PARAMS, "Invalid arguments for "
                    + tool + ": \"arguments\" must be a JSON object of named arguments, not "
                    + args.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        McpTools mcp = tools();
        if (mcp.onChange() == ToolChangeRule.BLOCK) {
            Optional<PinnedTool> pinned = workspace.toolFingerprints().find(agentId, tool);
            if (pinned.isPresent() && pinned.get().changed()) {
                return audit(tool, "tool changed since accepted").thenApply(recorded -> new GateAnswer.Refuse(
                        ToolResults.refusal("the description or input schema of " + tool + " changed since a person "
                                + "accepted it, and the policy blocks changed tools until the change is reviewed "
                                + "(arbiter mcp tools accept --agent " + agentId + " " + tool + ")", "TOOL_CHANGED",
                                null)));
            }
        }
        ToolHints hints = listed.hints();
        ToolCallReading reading = ToolCallRequests.read(agentId, sessionId, tool, args, hints, mcp);
        if (reading instanceof ToolCallReading.Undecidable undecidable) {
            return rejected(tool, undecidable.problem(), JsonRpc.INVALID_PARAMS, "Invalid arguments for " + tool
                    + ": " + undecidable.problem());
        }
        ToolCallReading.Decidable decidable = (ToolCallReading.Decidable) reading;
        long start = System.nanoTime();
        return workspace.decisions().decide(decidable.request())
                .whenComplete((decision, failure) -> {
                    if (decision != null) {
                        workspace.telemetry().decided(decision, "mcp", null, start);
                    }
                })
                .thenCompose(decision -> decision.isPending() ? settled(decision, onHeld)
                        : CompletableFuture.completedFuture(decision))
                .handle((decision, failure) -> {
                    if (failure != null) {
                        LOG.warn("Call of {} by {} not decided: {}", tool, agentId, failure.getMessage());
                        return new GateAnswer.Refuse(ToolResults.refusal("Arbiter could not record a decision on "
                                + "this call in its audit ledger, so it was not run", "UNAVAILABLE", null));
                    }
                    return decision.wasAllowed() ? new GateAnswer.Forward(decision)
                            : new GateAnswer.Refuse(ToolResults.refusal(decision));
                });
    }

    private CompletableFuture<Decision> settled(Decision pending, Consumer<Decision> onHeld) {
        onHeld.accept(pending);
        return workspace.decisions().whenSettled(pending.traceId()).thenApply(now -> now.orElse(pending))
                .thenCompose(now -> now.isPending()
                        // released without a decision (the workspace is closing): refuse, never run
                        ? CompletableFuture.failedFuture(new IllegalStateException("released while pending"))
                        : CompletableFuture.completedFuture(now));
    }

    /**
     * The client gave up on a held call (cancelled, disconnected): deny it in
     * the queue so no reviewer approves a call nobody waits for. Quiet when it
     * was decided meanwhile.
     */
    void withdraw(String traceId, String why) {
        try {
            workspace.queue().deny(traceId, EscalationQueue.SYSTEM_ACTOR, why);
        } catch (IllegalArgumentException e) {
            LOG.debug("{} not withdrawn: {}", traceId, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("{} could not be withdrawn: {}", traceId, e.getMessage());
        }
    }

    /** Pins the listed tools and audits any that changed since first seen. */
    void fingerprint(java.util.List<ToolDescriptor> tools) {
        if (!tools.isEmpty()) {
            workspace.toolFingerprints().observe(agentId, tools, ACTOR);
        }
    }

    /** Records what the server answered to an allowed call (size-bounded facts, not the content). */
    void outcome(Decision decision, JsonNode response, long latencyMs) {
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        JsonNode result = response.get("result");
        if (result != null) {
            output.put("is_error", result.path("isError").asBoolean(false));
            output.put("content_items", result.path("content").size());
        } else {
            output.put("error_code", response.path("error").path("code").asInt());
            String message = response.path("error").path("message").asText("");
            output.put("error", message.length() > 200 ? TextCut.prefix(message, 200) + "…" : message);
        }
        workspace.decisions().recordOutcome(decision, new Outcome(output.toString(), latencyMs, null, null))
                .exceptionally(e -> {
                    LOG.warn("Outcome of {} not recorded: {}", decision.traceId(), e.getMessage());
                    return null;
                });
    }

    /**
     * Refuses a call of a tool no listing of the server has, even asked
     * again; {@code unread} says why the server's tools could not be read
     * (null when they were, and the tool is not among them).
     */
    CompletableFuture<GateAnswer> unknown(String tool, String unread) {
        return rejected(tool, "unknown tool", JsonRpc.INVALID_PARAMS, "Unknown tool: " + tool + (unread == null
                ? " (the MCP server does not offer it; call tools/list for the tools there are)"
                : " (Arbiter could not read the MCP server's tools: " + unread + "; the call was not run, retry "
                        + "once the server answers tools/list)"));
    }

    private CompletableFuture<GateAnswer> rejected(String tool, String reason, int code, String message) {
        return audit(tool, reason).thenApply(recorded -> new GateAnswer.Reject(code, message));
    }

    /**
     * Records a refusal made before any decision ({@code decision: deny}). It is a decision, so the answer waits
     * until its entry is durable, like every other decision's; a ledger that cannot record it still refuses (the
     * call never runs), and the missing entry is logged.
     */
    private CompletableFuture<Void> audit(String tool, String reason) {
        String shortTool = tool.length() > 200 ? TextCut.prefix(tool, 200) + "…" : tool;
        return workspace.ledger().appendAsync(AuditEntry.of(REJECTED).agentId(agentId).actor(ACTOR)
                        .inputSummary(shortTool).decision("deny").toolsUsed(java.util.List.of(shortTool))
                        .detail(AuditDetail.of("tool", shortTool, "reason", reason)).build())
                .handle((entry, e) -> {
                    if (e != null) {
                        LOG.warn("Rejected call of {} not audited: {}", shortTool, e.getMessage());
                    }
                    return null;
                });
    }
}
