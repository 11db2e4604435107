package dev.arbiter.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The MCP protocol versions the proxy governs, and its part in the
 * initialize handshake (MCP "Lifecycle: version negotiation"): the client
 * asks for a version, the server answers the one the session will speak.
 * The proxy stands between them, so it must never let either side believe in
 * a version the proxy does not know (its list of methods, and so what it
 * lets through, is per version):
 * <ul>
 * <li>a client asking for a version the proxy knows is passed on unchanged;
 *     one asking for any other is passed on asking for {@link #LATEST}, as a
 *     server that lacks the requested version answers with its own latest;</li>
 * <li>a server answering with a version the proxy does not know ends the
 *     handshake with an error to the client instead of the answer.</li>
 * </ul>
 * The client still decides whether it speaks the version the server chose
 * (it disconnects if not), as the specification says.
 */
final class ProtocolVersions {

    /** Newest first. */
    static final List<String> SUPPORTED = List.of("2026-07-28", "2025-11-25");
    static final String LATEST = SUPPORTED.get(0);

    private ProtocolVersions() {
    }

    static boolean supported(String version) {
        return SUPPORTED.contains(version);
    }

    /** The version to ask the server for, given the {@code initialize} params the client sent (may be null). */
    static String toAsk(JsonNode params) {
        JsonNode asked = params == null ? null : params.get("protocolVersion");
        return asked != null && asked.isTextual() && supported(asked.asText()) ? asked.asText() : LATEST;
    }

    /** The version a server's {@code initialize} result names, or null when it names none. */
    static String answered(JsonNode result) {
        JsonNode version = result == null ? null : result.get("protocolVersion");
        return version != null && version.isTextual() ? version.asText() : null;
    }

    /** Why the session cannot go on with the server's {@code answered} version (see {@link #answered}). */
    static String refusal(String answered) {
        return "the MCP server behind Arbiter chose protocol version " + (answered == null ? "(none)" : answered)
                + ", which Arbiter does not govern (it supports " + String.join(" and ", SUPPORTED)
                + "); the session cannot go on. Update the server or ask its maintainer for one of those versions";
    }
}
