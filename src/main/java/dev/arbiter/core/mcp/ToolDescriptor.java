package dev.arbiter.core.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * One tool as an MCP server lists it, reduced to what a model reads and
 * Arbiter pins: name, description and input schema, plus the hints.
 *
 * @param inputSchema the JSON schema object as the server sent it (null node when absent)
 */
public record ToolDescriptor(String name, String description, JsonNode inputSchema, ToolHints hints) {

    public ToolDescriptor {
        description = description == null ? "" : description;
        inputSchema = inputSchema == null ? JsonNodeFactory.instance.nullNode() : inputSchema;
        hints = hints == null ? ToolHints.NONE : hints;
    }

    /** Reads a {@code tools/list} entry; null when it has no textual name. */
    public static ToolDescriptor fromListing(JsonNode tool) {
        JsonNode name = tool.get("name");
        if (name == null || !name.isTextual()) {
            return null;
        }
        JsonNode annotations = tool.path("annotations");
        ToolHints hints = new ToolHints(annotations.path("destructiveHint").asBoolean(false)
                && annotations.path("destructiveHint").isBoolean(),
                annotations.path("readOnlyHint").isBoolean() && annotations.path("readOnlyHint").asBoolean());
        JsonNode description = tool.get("description");
        return new ToolDescriptor(name.asText(), description != null && description.isTextual()
                ? description.asText() : "", tool.get("inputSchema"), hints);
    }

    /**
     * SHA-256 (hex) of name, description and input schema in a canonical
     * form (keys sorted at every level), so that the same tool listed with
     * its keys in another order keeps its fingerprint and any change to
     * what the model reads changes it.
     */
    public String fingerprint() {
        ObjectNode pinned = JsonNodeFactory.instance.objectNode();
        pinned.put("name", name);
        pinned.put("description", description);
        pinned.set("inputSchema", inputSchema);
        StringBuilder canonical = new StringBuilder();
        canonical(pinned, canonical);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(
                    canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The schema as compact JSON text, for storing and comparing. */
    public String schemaText() {
        StringBuilder out = new StringBuilder();
        canonical(inputSchema, out);
        return out.toString();
    }

    private static void canonical(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(com.fasterxml.jackson.databind.node.TextNode.valueOf(names.get(i))).append(':');
                canonical(node.get(names.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                canonical(node.get(i), out);
            }
            out.append(']');
        } else {
            out.append(node.toString());
        }
    }
}
