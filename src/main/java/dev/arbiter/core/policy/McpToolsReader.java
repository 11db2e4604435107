package dev.arbiter.core.policy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the MCP keys of an {@code agent_policy} block into {@link McpTools},
 * adding a problem at the line and column of each mistake. Kept apart from
 * {@link PolicyValidator} so the MCP mapping can grow without touching the
 * guide's own schema.
 */
final class McpToolsReader {

    private static final List<String> RULE_KEYS = List.of("action", "context", "data_classes", "sensitive");
    private static final Pattern CONTEXT_KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    private final PolicyValues values;

    private McpToolsReader(PolicyValues values) {
        this.values = values;
    }

    /** The MCP settings of {@code policy}; defaults for keys it leaves out. Problems go to {@code values}. */
    static McpTools read(YamlNode.Mapping policy, PolicyValues values) {
        return new McpToolsReader(values).read(policy);
    }

    private McpTools read(YamlNode.Mapping p) {
        int before = values.problems().size();
        Map<String, McpToolRule> tools = entry(p, "mcp_tools").map(this::tools).orElse(Map.of());
        String defaultAction = entry(p, "mcp_default_action").map(this::defaultAction)
                .orElse(McpTools.DEFAULT_ACTION);
        Boolean hide = entry(p, "mcp_hide_denied_tools").map(e -> values.bool(e.value(), e.key())).orElse(true);
        ToolChangeRule onChange = entry(p, "mcp_tool_changes").map(this::changeRule).orElse(ToolChangeRule.AUDIT);
        Set<String> fields = entry(p, "mcp_sensitive_fields").map(this::fields).orElse(Set.of());
        if (values.problems().size() > before || defaultAction == null || hide == null || onChange == null) {
            return McpTools.DEFAULT;
        }
        return new McpTools(tools, defaultAction, hide, onChange, fields);
    }

    private Map<String, McpToolRule> tools(YamlNode.Entry entry) {
        if (!(entry.value() instanceof YamlNode.Mapping m)) {
            if (!isEmpty(entry.value())) {
                values.problem(entry.value().position(), "mcp_tools must be a block of tool names, each with "
                        + "{action: \"verb:resource\"}, not " + entry.value().describe());
            }
            return Map.of();
        }
        Map<String, McpToolRule> rules = new LinkedHashMap<>();
        for (YamlNode.Entry tool : m.entries().values()) {
            McpToolRule rule = rule(tool);
            if (rule != null) {
                rules.put(tool.key(), rule);
            }
        }
        return rules;
    }

    private McpToolRule rule(YamlNode.Entry tool) {
        String path = "mcp_tools." + tool.key();
        if (tool.value() instanceof YamlNode.Scalar s && s.kind() == YamlNode.Scalar.Kind.TEXT) {
            String action = action(s, path);
            return action == null ? null : new McpToolRule(action, Map.of(), Set.of(), List.of());
        }
        if (!(tool.value() instanceof YamlNode.Mapping m)) {
            values.problem(tool.value().position(), path + " must be {action: \"verb:resource\"} (optionally with "
                    + "context, data_classes, sensitive), not " + tool.value().describe());
            return null;
        }
        for (YamlNode.Entry key : m.entries().values()) {
            if (!RULE_KEYS.contains(key.key())) {
                values.problem(key.keyPosition(), "unknown key \"" + key.key() + "\" in " + path
                        + Spelling.closest(key.key(), RULE_KEYS).map(c -> "; did you mean \"" + c + "\"?")
                        .orElse("; the keys here are " + String.join(", ", RULE_KEYS)));
            }
        }
        YamlNode.Entry actionEntry = m.entries().get("action");
        if (actionEntry == null) {
            values.problem(tool.keyPosition(), path + " has no action; write {action: \"verb:resource\"}, "
                    + "e.g. {action: \"read:file\"}");
            return null;
        }
        String action = action(actionEntry.value(), path + ".action");
        Map<String, ArgumentPath> context = Optional.ofNullable(m.entries().get("context"))
                .map(e -> context(e, path + ".context")).orElse(Map.of());
        Set<DataClass> classes = Optional.ofNullable(m.entries().get("data_classes"))
                .map(e -> dataClasses(e.value(), path + ".data_classes")).orElse(Set.of());
        List<ArgumentPath> sensitive = Optional.ofNullable(m.entries().get("sensitive"))
                .map(e -> paths(e.value(), path + ".sensitive")).orElse(List.of());
        return action == null ? null : new McpToolRule(action, context, classes, sensitive);
    }

    private String action(YamlNode node, String path) {
        String text = values.text(node, path);
        if (text == null) {
            return null;
        }
        Optional<String> wrong = ActionPattern.problemWith(text.strip());
        if (wrong.isEmpty() && text.indexOf('*') >= 0) {
            wrong = Optional.of("\"" + text + "\" is a pattern; a tool maps to one action without *");
        }
        if (wrong.isPresent()) {
            values.problem(node.position(), "in " + path + ": " + wrong.get());
            return null;
        }
        return text.strip();
    }

    private String defaultAction(YamlNode.Entry entry) {
        String text = values.text(entry.value(), "mcp_default_action");
        if (text == null) {
            return null;
        }
        String sample = text.strip().replace(McpTools.TOOL_PLACEHOLDER, "tool");
        Optional<String> wrong = ActionPattern.problemWith(sample);
        if (wrong.isEmpty() && sample.indexOf('*') >= 0) {
            wrong = Optional.of("\"" + text + "\" is a pattern; the default maps a tool to one action without *");
        }
        if (wrong.isPresent()) {
            values.problem(entry.value().position(), "in mcp_default_action: " + wrong.get()
                    + " ({tool} stands for the tool's name, e.g. \"call:{tool}\")");
            return null;
        }
        return text.strip();
    }

    private Map<String, ArgumentPath> context(YamlNode.Entry entry, String path) {
        if (!(entry.value() instanceof YamlNode.Mapping m)) {
            if (!isEmpty(entry.value())) {
                values.problem(entry.value().position(), path + " must be a block of context keys and argument paths, "
                        + "e.g. {amount_usd: \"$.amount\"}, not " + entry.value().describe());
            }
            return Map.of();
        }
        Map<String, ArgumentPath> context = new LinkedHashMap<>();
        for (YamlNode.Entry key : m.entries().values()) {
            if (!CONTEXT_KEY.matcher(key.key()).matches()) {
                values.problem(key.keyPosition(), "context key \"" + key.key() + "\" in " + path
                        + " may use lower-case letters, digits and _ only (e.g. amount_usd, data_classes, target, "
                        + "reversible)");
                continue;
            }
            ArgumentPath at = path(key.value(), path + "." + key.key());
            if (at != null) {
                context.put(key.key(), at);
            }
        }
        return context;
    }

    private List<ArgumentPath> paths(YamlNode node, String path) {
        if (!(node instanceof YamlNode.Sequence list)) {
            values.problem(node.position(), path + " must be a list of argument paths, e.g. [\"$.password\"], not "
                    + node.describe());
            return List.of();
        }
        List<ArgumentPath> paths = new ArrayList<>();
        for (YamlNode item : list.items()) {
            ArgumentPath at = path(item, path);
            if (at != null) {
                paths.add(at);
            }
        }
        return paths;
    }

    private ArgumentPath path(YamlNode node, String path) {
        String text = values.text(node, path);
        if (text == null) {
            return null;
        }
        Optional<String> wrong = ArgumentPath.problemWith(text.strip());
        if (wrong.isPresent()) {
            values.problem(node.position(), "in " + path + ": " + wrong.get());
            return null;
        }
        return ArgumentPath.parse(text.strip());
    }

    private Set<DataClass> dataClasses(YamlNode node, String path) {
        List<YamlNode> items = node instanceof YamlNode.Sequence s ? s.items() : List.of(node);
        Set<DataClass> classes = EnumSet.noneOf(DataClass.class);
        for (YamlNode item : items) {
            String text = values.text(item, path);
            if (text == null) {
                continue;
            }
            Optional<DataClass> c = DataClass.parse(text);
            if (c.isEmpty()) {
                values.problem(item.position(), "in " + path + ": \"" + text + "\" is not a data class; use "
                        + String.join(", ", java.util.Arrays.stream(DataClass.values()).map(DataClass::label)
                        .toList()));
            } else {
                classes.add(c.get());
            }
        }
        return classes;
    }

    private ToolChangeRule changeRule(YamlNode.Entry entry) {
        String text = values.text(entry.value(), "mcp_tool_changes");
        if (text == null) {
            return null;
        }
        Optional<ToolChangeRule> rule = ToolChangeRule.parse(text);
        if (rule.isEmpty()) {
            values.problem(entry.value().position(), "mcp_tool_changes must be \"audit\" (record a changed tool) or "
                    + "\"block\" (also refuse its calls until a person accepts the change), not \"" + text + "\"");
            return null;
        }
        return rule.get();
    }

    private Set<String> fields(YamlNode.Entry entry) {
        if (!(entry.value() instanceof YamlNode.Sequence list)) {
            values.problem(entry.value().position(), "mcp_sensitive_fields must be a list of argument field names, "
                    + "e.g. [password, card_number], not " + entry.value().describe());
            return Set.of();
        }
        Set<String> fields = new LinkedHashSet<>();
        for (YamlNode item : list.items()) {
            String text = values.text(item, "mcp_sensitive_fields");
            if (text != null && !FIELD.matcher(text.strip()).matches()) {
                values.problem(item.position(), "in mcp_sensitive_fields: \"" + text + "\" is not a field name; "
                        + "use letters, digits, _ . - (a name, not a path)");
            } else if (text != null) {
                fields.add(text.strip());
            }
        }
        return fields;
    }

    private static boolean isEmpty(YamlNode node) {
        return node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Scalar.Kind.EMPTY;
    }

    private static Optional<YamlNode.Entry> entry(YamlNode.Mapping m, String key) {
        return Optional.ofNullable(m.entries().get(key));
    }
}
