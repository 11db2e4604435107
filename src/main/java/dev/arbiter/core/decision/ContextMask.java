package dev.arbiter.core.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.core.policy.McpTools;
import java.util.ArrayList;
import java.util.List;

/**
 * Masks sensitive fields of an agent's {@code context} before it is recorded (the audit entry, the review queue),
 * as OPA's decision-log masking does: every member, at any depth, whose name the policy lists in
 * {@code mcp_sensitive_fields} or that is always masked ({@link McpTools#ALWAYS_MASKED}: password, token, api_key,
 * …; names compared by their words, {@link McpTools#masks}) is replaced by the marker {@value #MASK} (the marker MCP argument summaries use) before anything is
 * hashed, so the value never reaches the ledger or the database. A marker rather than a keyed hash: a hash of a
 * low-entropy secret can be guessed by whoever holds the key, and the ledger has no use for the value.
 * The policy still decides on the request as sent; only what is recorded is masked.
 */
final class ContextMask {

    /** What a masked value reads as. */
    static final String MASK = "***";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ContextMask() {
    }

    /** {@code contextJson} with sensitive members masked; unchanged when none is named in it (or it is null). */
    static String apply(String contextJson, McpTools mcp) {
        // always parsed: a prefilter on the raw text misses "\u0070assword", "X-Api-Key" and look-alikes
        return apply(contextJson, DataSubject.parse(contextJson), mcp);
    }

    /**
     * As {@link #apply(String, McpTools)} with the context already parsed ({@code parsed}, which is masked in place;
     * null when the text is null or not JSON — the validator lets only a JSON object through — which leaves it
     * unchanged).
     */
    static String apply(String contextJson, JsonNode parsed, McpTools mcp) {
        if (parsed == null) {
            return contextJson;
        }
        try {
            return mask(parsed, mcp) ? JSON.writeValueAsString(parsed) : contextJson;
        } catch (JsonProcessingException e) {
            return contextJson;
        }
    }

    /** Masks in place; true when something was masked. */
    private static boolean mask(JsonNode node, McpTools mcp) {
        boolean masked = false;
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (mcp.masks(name)) {
                    object.put(name, MASK);
                    masked = true;
                } else {
                    masked |= mask(object.get(name), mcp);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode item : array) {
                masked |= mask(item, mcp);
            }
        }
        return masked;
    }
}
