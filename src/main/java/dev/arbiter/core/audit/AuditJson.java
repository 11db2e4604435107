package dev.arbiter.core.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An entry as the JSON object of the export contract: the guide's audit entry
 * fields first, then Arbiter's. {@code output} and {@code detail} are nested
 * as JSON when they parse, else kept as strings.
 */
public final class AuditJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AuditJson() {
    }

    public static ObjectNode toNode(LedgerEntry stored) {
        AuditEntry e = stored.entry();
        ObjectNode n = MAPPER.createObjectNode();
        n.put("trace_id", e.traceId());
        n.put("agent_id", e.agentId());
        n.put("session_id", e.sessionId());
        n.put("timestamp", AuditTime.format(e.timestamp()));
        n.put("action", e.action());
        n.put("input_summary", e.inputSummary());
        n.put("reasoning", e.reasoning());
        n.set("output", nested(e.output()));
        e.toolsUsed().forEach(n.putArray("tools_used")::add);
        n.put("tokens_consumed", e.tokensConsumed());
        n.put("latency_ms", e.latencyMs());
        n.put("human_override", e.humanOverride());
        n.put("risk_score", e.riskScore());
        n.put("seq", stored.seq());
        n.put("event", e.event());
        n.put("decision", e.decision());
        n.put("tier", e.tier());
        n.put("reason_code", e.reasonCode());
        n.put("actor", e.actor());
        n.set("detail", nested(e.detail()));
        n.put("prev_hash", stored.prevHash());
        n.put("hash", stored.hash());
        return n;
    }

    public static String line(LedgerEntry stored) {
        return toNode(stored).toString();
    }

    public static String pretty(LedgerEntry stored) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toNode(stored));
        } catch (JsonProcessingException e) {
            return line(stored);
        }
    }

    private static JsonNode nested(String json) {
        if (json == null) {
            return MAPPER.nullNode();
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return MAPPER.getNodeFactory().textNode(json);
        }
    }
}
