package dev.arbiter.core.policy;

import java.util.Locale;
import java.util.Optional;

/**
 * What a changed MCP tool (new description or input schema since it was
 * first seen: a "rug pull") does to calls of it: the policy's
 * {@code mcp_tool_changes}. Either way the change is an audit event.
 */
public enum ToolChangeRule {
    /** Record the change and keep deciding calls as before (the default). */
    AUDIT,
    /** Refuse calls of the changed tool until a person accepts the change. */
    BLOCK;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ToolChangeRule> parse(String text) {
        for (ToolChangeRule rule : values()) {
            if (rule.wireName().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }
}
