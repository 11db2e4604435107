package dev.arbiter.core.policy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The MCP part of a policy: how tool calls map to actions, which arguments are
 * masked, whether tools denied outright are hidden from {@code tools/list},
 * and what a changed tool does. Every field has a default, so a policy
 * without any {@code mcp_} key governs MCP calls as {@code call:<tool>}.
 *
 * @param tools           rules by tool name (a look-alike spelling of the name is governed by the same rule)
 * @param defaultAction   the action of a tool without a rule; {@code {tool}} stands for its name
 * @param hideDenied      hide tools the policy denies outright from {@code tools/list} (default true)
 * @param onChange        what a changed description or schema does to the tool's calls
 * @param sensitiveFields field names masked wherever they appear in arguments, besides the
 *                        built-in {@link #ALWAYS_MASKED}
 */
public record McpTools(Map<String, McpToolRule> tools, String defaultAction, boolean hideDenied,
                       ToolChangeRule onChange, Set<String> sensitiveFields) {

    /** The {@code {tool}} placeholder of {@code mcp_default_action}. */
    public static final String TOOL_PLACEHOLDER = "{tool}";
    /** The action of a tool without a rule when the policy names none. */
    public static final String DEFAULT_ACTION = "call:" + TOOL_PLACEHOLDER;
    /** Field names masked in every audit summary whatever the policy says (compared ignoring case). */
    public static final Set<String> ALWAYS_MASKED = Set.of("password", "passwd", "secret", "token", "api_key",
            "apikey", "authorization", "access_token", "refresh_token", "private_key", "client_secret");
    /** The words of {@link #ALWAYS_MASKED}, read once rather than per field name checked. */
    private static final List<List<String>> ALWAYS_MASKED_WORDS = ALWAYS_MASKED.stream().map(FieldNameWords::of)
            .toList();
    /** A policy without MCP keys. */
    public static final McpTools DEFAULT = new McpTools(Map.of(), DEFAULT_ACTION, true, ToolChangeRule.AUDIT,
            Set.of());

    public McpTools {
        tools = Map.copyOf(tools);
        sensitiveFields = sensitiveFields.stream().map(f -> f.toLowerCase(Locale.ROOT))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /**
     * The rule written for {@code tool}, or for a tool whose name reads as the same words ({@link FieldNameWords}),
     * or null when the default action applies.
     */
    public McpToolRule ruleFor(String tool) {
        McpToolRule exact = tools.get(tool);
        if (exact != null || tools.isEmpty()) {
            return exact;
        }
        // A tool whose name reads as a ruled tool's (case, separators, camel case, full-width, look-alike or
        // invisible characters: Delete-Customer, dеlete_сustomer for delete_customer) is governed by that rule, not
        // by the default action: else a server could offer the same words under another spelling past the rule.
        String words = String.join("", FieldNameWords.of(tool));
        if (words.isEmpty()) {
            return null;
        }
        return tools.entrySet().stream().filter(e -> String.join("", FieldNameWords.of(e.getKey())).equals(words))
                .min(Map.Entry.comparingByKey()).map(Map.Entry::getValue).orElse(null);
    }

    /**
     * The action a call of {@code tool} is decided as: its rule's, else the
     * default with the tool's name in place of {@code {tool}}. Characters an
     * action may not hold become {@code _}, so that no tool name can smuggle a
     * colon or wildcard into the action.
     */
    public String actionFor(String tool) {
        McpToolRule rule = ruleFor(tool);
        if (rule != null) {
            return rule.action();
        }
        return defaultAction.replace(TOOL_PLACEHOLDER, resourceName(tool));
    }

    /**
     * Whether a field of this name is masked in audit summaries: when its words ({@link FieldNameWords}: case,
     * separators, camel case, full-width and look-alike letters do not count) hold the words of an always-masked or
     * policy-listed name, so {@code db_password}, {@code X-Api-Key} and {@code ｐａｓｓｗｏｒｄ} are masked, while
     * {@code max_tokens} and {@code passwordless} are not.
     */
    public boolean masks(String fieldName) {
        List<String> words = FieldNameWords.of(fieldName);
        for (List<String> sensitive : ALWAYS_MASKED_WORDS) {
            if (FieldNameWords.contains(words, sensitive)) {
                return true;
            }
        }
        for (String sensitive : sensitiveFields) {
            if (FieldNameWords.contains(words, FieldNameWords.of(sensitive))) {
                return true;
            }
        }
        return false;
    }

    /** The sensitive paths of {@code tool}'s rule; empty without a rule. */
    public List<ArgumentPath> sensitivePathsOf(String tool) {
        McpToolRule rule = ruleFor(tool);
        return rule == null ? List.of() : rule.sensitive();
    }

    /**
     * {@code tool} as the resource of an action: letters, digits, {@code _ -} kept, others {@code _}; a
     * separator ({@code . /}) is kept only between two segments, so the name never has an empty, {@code .}
     * or {@code ..} segment ({@link ActionName}'s rules).
     */
    static String resourceName(String tool) {
        StringBuilder out = new StringBuilder(Math.max(1, tool.length()));
        for (int i = 0; i < tool.length(); i++) {
            char c = tool.charAt(i);
            boolean separator = c == '.' || c == '/';
            boolean betweenSegments = i > 0 && i < tool.length() - 1 && !out.isEmpty()
                    && !isSeparator(out.charAt(out.length() - 1)) && !isSeparator(tool.charAt(i + 1));
            boolean ok = (Character.isLetterOrDigit(c) && c < 128) || c == '_' || c == '-'
                    || (separator && betweenSegments);
            out.append(ok ? c : '_');
        }
        return out.length() == 0 ? "_" : out.toString();
    }

    private static boolean isSeparator(char c) {
        return c == '.' || c == '/';
    }
}
