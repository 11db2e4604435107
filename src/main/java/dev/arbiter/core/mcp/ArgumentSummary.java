package dev.arbiter.core.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.arbiter.core.audit.TextCut;
import dev.arbiter.core.policy.ArgumentPath;
import dev.arbiter.core.policy.McpTools;
import java.util.Iterator;
import java.util.Map;

/**
 * The {@code input_summary} of an MCP tool call in the audit ledger:
 * {@code tool {arguments}} with every sensitive value masked and the whole
 * bounded, so that a reviewer sees what was asked without the ledger keeping
 * a password or a megabyte of file content.
 */
public final class ArgumentSummary {

    /** What a masked value reads as. */
    public static final String MASK = "***";
    /** The longest summary, in characters (the guide's input summary is a summary, not the input). */
    public static final int MAX_CHARS = 1000;
    /** The longest single string value kept before it is cut. */
    static final int MAX_STRING = 200;
    private static final int MAX_DEPTH = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ArgumentSummary() {
    }

    /** {@code tool {masked arguments}}, at most {@link #MAX_CHARS} characters. */
    public static String of(String tool, JsonNode arguments, McpTools mcp) {
        String text = tool + " " + maskedJson(tool, arguments, mcp);
        return text.length() <= MAX_CHARS ? text : TextCut.prefix(text, MAX_CHARS - 1) + "…";
    }

    /** The arguments as JSON with sensitive paths and field names masked and long strings cut. */
    static String maskedJson(String tool, JsonNode arguments, McpTools mcp) {
        if (arguments == null || arguments.isMissingNode() || arguments.isNull()) {
            return "{}";
        }
        JsonNode copy = arguments.deepCopy();
        for (ArgumentPath path : mcp.sensitivePathsOf(tool)) {
            path.replaceIn(copy, TextNode.valueOf(MASK));
        }
        JsonNode bounded = bound(copy, mcp, 0);
        try {
            return JSON.writeValueAsString(bounded);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "{}"; // a tree we built ourselves always writes
        }
    }

    private static JsonNode bound(JsonNode node, McpTools mcp, int depth) {
        if (depth >= MAX_DEPTH && node.isContainerNode()) {
            return TextNode.valueOf("…");
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                out.set(field.getKey(), mcp.masks(field.getKey()) ? TextNode.valueOf(MASK)
                        : bound(field.getValue(), mcp, depth + 1));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> out.add(bound(item, mcp, depth + 1)));
            return out;
        }
        if (node.isTextual() && node.asText().length() > MAX_STRING) {
            return TextNode.valueOf(TextCut.prefix(node.asText(), MAX_STRING) + "… (" + node.asText().length()
                    + " characters)");
        }
        return node;
    }
}
