package dev.arbiter.desktop.mcp;

import dev.arbiter.core.mcp.PinnedTool;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One pinned MCP tool as the desktop lists it.
 *
 * @param blocking true when the agent's policy ({@code mcp_tool_changes: block}) refuses the tool's calls
 *                 while a change waits
 */
public record ToolRow(PinnedTool tool, boolean blocking) {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** True when its calls are refused until a person accepts the change. */
    public boolean blocked() {
        return blocking && tool.changed();
    }

    /** "Blocked: changed, waiting for acceptance", "Changed (audited; calls allowed)", "Accepted". */
    public String state() {
        if (!tool.changed()) {
            return "Accepted";
        }
        return blocking ? "Blocked: changed, accept to unblock" : "Changed (audited; calls still decided)";
    }

    /** When the change was seen, or when the tool was first seen. */
    public String since() {
        return tool.changed() && tool.changedAt() != null ? "changed " + UTC.format(tool.changedAt())
                : "first seen " + UTC.format(tool.firstSeen());
    }

    /** The first 16 hex digits of the fingerprint last seen, as {@code arbiter mcp tools list} shows it. */
    public String fingerprint() {
        return tool.seenFingerprint().substring(0, Math.min(16, tool.seenFingerprint().length()));
    }
}
