package dev.arbiter.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * JSON-RPC 2.0 as MCP uses it: reading one message into its kind, and the
 * few messages Arbiter writes itself (errors, refusals, progress). Everything
 * else is relayed as the bytes that arrived.
 */
final class JsonRpc {

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;
    /** Server-defined: the MCP server behind Arbiter is not running. */
    static final int UPSTREAM_GONE = -32000;
    /** Server-defined: the MCP server behind Arbiter did not answer in time. */
    static final int UPSTREAM_TIMEOUT = -32001;
    /** Server-defined: too many requests in flight through this proxy. */
    static final int BUSY = -32002;

    /**
     * Strict: one JSON value per message and no repeated keys. Arbiter decides
     * on what it reads here and relays the bytes that arrived, so the server
     * must not be able to read anything else in them: a second message after
     * the first (a lone CR ends a line for the Python SDK's stdio reader; Go
     * reads a stream of values) or a second "name" Arbiter would not see.
     */
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** One message, by kind. */
    sealed interface Message permits Request, Notification, Response, Invalid {
    }

    record Request(JsonNode id, String method, JsonNode params, ObjectNode raw) implements Message {
    }

    record Notification(String method, JsonNode params) implements Message {
    }

    record Response(JsonNode id, ObjectNode raw) implements Message {
    }

    /** Not a JSON-RPC message; {@code id} when one could be read, so the error can answer it. */
    record Invalid(JsonNode id, int code, String problem) implements Message {
    }

    private JsonRpc() {
    }

    /**
     * A message from the client, which Arbiter decides on and then relays as
     * the bytes that arrived: as {@link #read}, and refused when any object in
     * it has two members whose names differ only in letter case ("name" and
     * "Name"). Arbiter reads the exact name; a reader that matches names
     * without regard to case (Go's encoding/json, the last match winning)
     * would read the other, e.g. the tool a call runs or the path it writes.
     */
    static Message readFromClient(byte[] frame) {
        return read(frame, true);
    }

    static Message read(byte[] frame) {
        return read(frame, false);
    }

    private static Message read(byte[] frame, boolean noCaseTwins) {
        JsonNode node;
        try {
            node = JSON.readTree(frame);
        } catch (IOException e) {
            return new Invalid(NullNode.getInstance(), PARSE_ERROR, "not valid JSON: " + firstLine(e.getMessage())
                    + "; send one JSON-RPC 2.0 message per line");
        }
        if (node == null || !node.isObject()) {
            return new Invalid(NullNode.getInstance(), INVALID_REQUEST, node != null && node.isArray()
                    ? "batches (JSON arrays) are not part of MCP since 2025-06-18; send one message per line"
                    : "a JSON-RPC message is an object with \"jsonrpc\": \"2.0\"");
        }
        ObjectNode object = (ObjectNode) node;
        JsonNode id = object.get("id");
        if (noCaseTwins) {
            String twins = caseTwins(object);
            if (twins != null) {
                return new Invalid(validId(id) ? id : NullNode.getInstance(), INVALID_REQUEST, twins
                        + ": names that differ only in letter case are refused (a server may read either)");
            }
        }
        if (!"2.0".equals(object.path("jsonrpc").asText(null))) {
            return new Invalid(validId(id) ? id : NullNode.getInstance(), INVALID_REQUEST,
                    "\"jsonrpc\" must be \"2.0\"");
        }
        if (id != null && !validId(id)) {
            return new Invalid(NullNode.getInstance(), INVALID_REQUEST, "\"id\" must be a string or an integer");
        }
        JsonNode method = object.get("method");
        if (method != null) {
            if (!method.isTextual() || method.asText().isEmpty()) {
                return new Invalid(id == null ? NullNode.getInstance() : id, INVALID_REQUEST,
                        "\"method\" must be a non-empty string");
            }
            JsonNode params = object.get("params");
            if (params != null && !params.isObject()) {
                return new Invalid(id == null ? NullNode.getInstance() : id, INVALID_PARAMS,
                        "\"params\" must be an object");
            }
            return id == null ? new Notification(method.asText(), params) : new Request(id, method.asText(), params,
                    object);
        }
        if (id != null && (object.has("result") || object.has("error"))) {
            return new Response(id, object);
        }
        return new Invalid(id == null ? NullNode.getInstance() : id, INVALID_REQUEST,
                "a message needs a \"method\" (request, notification) or a \"result\"/\"error\" (response)");
    }

    /** The first two member names of one object in {@code node} that differ only in letter case, or null. */
    private static String caseTwins(JsonNode node) {
        if (node.isObject()) {
            java.util.Map<String, String> seen = new java.util.HashMap<>();
            for (java.util.Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                String before = seen.putIfAbsent(folded(name), name);
                if (before != null) {
                    return "\"" + abbreviate(before) + "\" and \"" + abbreviate(name) + "\" in one object";
                }
            }
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                String twins = caseTwins(child);
                if (twins != null) {
                    return twins;
                }
            }
        }
        return null;
    }

    /** A name as a case-blind reader compares it: each code point upper(lower(c)), as Go's encoding/json folds (ſ is s, K is k). */
    private static String folded(String name) {
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(c -> out.appendCodePoint(Character.toUpperCase(Character.toLowerCase(c))));
        return out.toString();
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    private static boolean validId(JsonNode id) {
        return id != null && (id.isTextual() || id.isIntegralNumber());
    }

    static byte[] error(JsonNode id, int code, String message) {
        ObjectNode out = JSON.createObjectNode();
        out.put("jsonrpc", "2.0");
        out.set("id", id == null ? NullNode.getInstance() : id);
        ObjectNode error = out.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return bytes(out);
    }

    static byte[] result(JsonNode id, JsonNode result) {
        ObjectNode out = JSON.createObjectNode();
        out.put("jsonrpc", "2.0");
        out.set("id", id);
        out.set("result", result);
        return bytes(out);
    }

    static byte[] request(String id, String method, JsonNode params) {
        ObjectNode out = JSON.createObjectNode();
        out.put("jsonrpc", "2.0");
        out.put("id", id);
        out.put("method", method);
        if (params != null) {
            out.set("params", params);
        }
        return bytes(out);
    }

    static byte[] notification(String method, JsonNode params) {
        ObjectNode out = JSON.createObjectNode();
        out.put("jsonrpc", "2.0");
        out.put("method", method);
        out.set("params", params);
        return bytes(out);
    }

    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree we built always writes", e);
        }
    }

    /** The id as a map key: its JSON text, so 1 and "1" stay apart. */
    static String key(JsonNode id) {
        return id.toString();
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
