package dev.arbiter.mcp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.core.decision.Decision;

/**
 * The tool results Arbiter writes itself: a refusal the model can read. It is
 * a tool result with {@code isError: true}, not a protocol error, because the
 * MCP specification routes tool errors to the model and protocol errors to
 * the client; the model is the one who must not retry.
 */
final class ToolResults {

    /** The {@code _meta} key of Arbiter's decision in a refusal (reverse-DNS prefix, as MCP asks). */
    static final String META_KEY = "dev.arbiter/decision";

    private ToolResults() {
    }

    static ObjectNode refusal(Decision decision) {
        return refusal(decision.reason() == null ? "the policy refuses it" : decision.reason(),
                decision.reasonCode().name(), decision.traceId());
    }

    /** {@code why} is the rule in words; {@code code} the reason code; {@code traceId} null when none was given. */
    static ObjectNode refusal(String why, String code, String traceId) {
        String text = "Arbiter (the governance gateway in front of this tool) refused this call: " + why
                + " [" + code + (traceId == null ? "" : ", trace " + traceId) + "]. This is a governance decision, "
                + "not a technical error: do not retry the call, and do not try to reach the same result another "
                + "way (other tools, other arguments). Tell the user that it was refused and why.";
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.putArray("content").addObject().put("type", "text").put("text", text);
        result.put("isError", true);
        ObjectNode meta = result.putObject("_meta").putObject(META_KEY);
        meta.put("decision", "deny");
        meta.put("reason_code", code);
        if (traceId != null) {
            meta.put("trace_id", traceId);
        }
        return result;
    }
}
