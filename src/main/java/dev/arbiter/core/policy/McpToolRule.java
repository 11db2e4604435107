package dev.arbiter.core.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How one MCP tool maps to a governed action: the policy's
 * {@code mcp_tools.<tool>: {action, context, data_classes, sensitive}}.
 *
 * @param action      {@code verb:resource} the call is decided as, e.g. {@code read:file}
 * @param context     risk-context keys and where each is read from in the call's arguments;
 *                    {@code amount_usd}, {@code data_classes}, {@code target} and {@code reversible}
 *                    feed the risk score, any other key is only recorded
 * @param dataClasses data the tool always touches, whatever its arguments say
 * @param sensitive   argument paths masked in the audit summary (passwords, tokens, message bodies)
 */
public record McpToolRule(String action, Map<String, ArgumentPath> context, Set<DataClass> dataClasses,
                          List<ArgumentPath> sensitive) {

    public McpToolRule {
        context = Map.copyOf(context);
        dataClasses = Set.copyOf(dataClasses);
        sensitive = List.copyOf(sensitive);
    }
}
