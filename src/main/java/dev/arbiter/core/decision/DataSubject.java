package dev.arbiter.core.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Who a decision is about, in the GDPR sense (Art. 4(1) "data subject"): the {@code subject_id} member of the
 * agent's {@code context} object (a customer number, an e-mail address), or, for an MCP tool call, the tool
 * argument recorded as {@code context.arguments.subject_id} (a policy maps it with
 * {@code mcp_tools.<tool>.context.subject_id: <argument path>}). A string or a number; anything else, or a blank
 * string, names nobody.
 */
public final class DataSubject {

    /** The context key naming the data subject. */
    public static final String KEY = "subject_id";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DataSubject() {
    }

    /** The subject named in a context object's JSON text, or null. */
    public static String of(String contextJson) {
        if (contextJson == null || !contextJson.contains("\"" + KEY + "\"")) {
            return null; // most decisions name nobody: no parse on the hot path
        }
        try {
            JsonNode context = JSON.readTree(contextJson);
            String direct = text(context.get(KEY));
            return direct != null ? direct : text(context.path("arguments").get(KEY));
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String text(JsonNode node) {
        if (node == null || !(node.isTextual() || node.isIntegralNumber()) || node.asText().isBlank()) {
            return null;
        }
        return node.asText();
    }
}
