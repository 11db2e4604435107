package dev.arbiter.core.mcp;

/**
 * What an MCP server says about its own tool ({@code annotations.destructiveHint},
 * {@code readOnlyHint}). The MCP specification tells clients to treat these as
 * untrusted, so Arbiter lets them raise a risk score (a destructive tool counts
 * as irreversible) and never lower one or grant anything.
 *
 * @param destructive true only when the server said {@code destructiveHint: true}
 * @param readOnly    true only when the server said {@code readOnlyHint: true}; recorded, never trusted
 */
public record ToolHints(boolean destructive, boolean readOnly) {

    /** A tool whose server said nothing (or that was never listed). */
    public static final ToolHints NONE = new ToolHints(false, false);
}
