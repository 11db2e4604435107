package dev.arbiter.core.policy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a policy's YAML tree against the {@code agent_policy} schema and
 * builds the {@link AgentPolicy}. It collects every problem it can find in one
 * pass (not just the first), each at the line and column of the offending key
 * or value, in words that say what to write instead.
 */
final class PolicyValidator {

    static final String ROOT = "agent_policy";

    /** Keys of each block, in the order a policy usually lists them. */
    static final Map<String, List<String>> KEYS = Map.of(
            ROOT, List.of("name", "description", "allowed_actions", "denied_actions", "rate_limits", "sandbox",
                    "network_access", "confidence_threshold", "risk_thresholds", "tier_overrides",
                    "max_autonomous_actions", "max_autonomous_minutes", "budget", "approval_timeout_minutes",
                    "review_sla_hours", "risk_context", "risk_weights",
                    "mcp_tools", "mcp_default_action", "mcp_hide_denied_tools", "mcp_tool_changes", "mcp_sensitive_fields"),
            "rate_limits", List.of("actions_per_minute", "escalations_per_hour"),
            "risk_thresholds", List.of("supervised", "gated"),
            "budget", List.of("daily_tokens", "daily_cost_usd", "alert_at_percent"),
            "risk_context", List.of("amount_thresholds_usd", "irreversible_actions", "data_classes"),
            "risk_context.amount_thresholds_usd", List.of("supervised", "gated"),
            "risk_weights", List.of("reversibility", "financial", "data_sensitivity", "regulatory"));

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final PolicyValues values = new PolicyValues();

    private PolicyValidator() {
    }

    static PolicyCheck check(YamlNode root) {
        PolicyValidator validator = new PolicyValidator();
        AgentPolicy policy = validator.policy(root);
        List<PolicyProblem> problems = validator.values.problems();
        return problems.isEmpty() && policy != null ? PolicyCheck.valid(policy) : PolicyCheck.invalid(problems);
    }

    private AgentPolicy policy(YamlNode root) {
        if (!(root instanceof YamlNode.Mapping top)) {
            values.problem(root.position(), "a policy starts with the key agent_policy: and its fields indented "
                    + "under it, not " + root.describe());
            return null;
        }
        YamlNode.Entry body = top.entries().get(ROOT);
        for (YamlNode.Entry entry : top.entries().values()) {
            if (!entry.key().equals(ROOT)) {
                if (KEYS.get(ROOT).contains(entry.key())) {
                    values.problem(entry.keyPosition(), "\"" + entry.key() + "\" belongs inside the agent_policy: "
                            + "block; indent it under agent_policy:");
                } else {
                    values.problem(entry.keyPosition(), "unknown top-level key \"" + entry.key() + "\""
                            + suggestion(entry.key(), List.of(ROOT)) + "; a policy file holds one agent_policy: block");
                }
            }
        }
        if (body == null) {
            if (top.entries().keySet().stream().noneMatch(KEYS.get(ROOT)::contains)) {
                values.problem(top.position(),
                        "the file has no agent_policy: block; a policy starts with agent_policy:");
            }
            return null;
        }
        YamlNode.Mapping p = values.block(body.value(), ROOT);
        if (p == null) {
            return null;
        }
        Position at = body.keyPosition();
        unknownKeys(p, ROOT);

        String name = name(p, at);
        String description = optional(p, "description").map(n -> values.text(n, "description")).orElse(null);
        List<ActionPattern> allowed = required(p, "allowed_actions", at)
                .map(n -> patterns(n, "allowed_actions")).orElse(List.of());
        List<ActionPattern> denied = optional(p, "denied_actions")
                .map(n -> patterns(n, "denied_actions")).orElse(List.of());
        overlapOfAllowedAndDenied(p);
        RateLimits rateLimits = optional(p, "rate_limits").map(this::rateLimits).orElse(RateLimits.NONE);
        Boolean sandbox = optional(p, "sandbox").map(n -> values.bool(n, "sandbox")).orElse(false);
        List<NetworkTarget> network = optional(p, "network_access").map(this::network).orElse(List.of());
        Double confidence = optional(p, "confidence_threshold").map(n -> values.fraction(n, "confidence_threshold"))
                .orElse(PolicyDefaults.CONFIDENCE_THRESHOLD);
        RiskThresholds thresholds = optional(p, "risk_thresholds").map(this::thresholds).orElse(RiskThresholds.DEFAULT);
        List<TierOverride> overrides = optional(p, "tier_overrides").map(this::tierOverrides).orElse(List.of());
        Integer maxActions = optional(p, "max_autonomous_actions")
                .map(n -> values.positive(n, "max_autonomous_actions", "to require review of every action, use "
                        + "tier_overrides")).orElse(null);
        Integer maxMinutes = optional(p, "max_autonomous_minutes")
                .map(n -> values.positive(n, "max_autonomous_minutes", "to require review of every action, use "
                        + "tier_overrides")).orElse(null);
        DailyBudget budget = optional(p, "budget").map(this::budget).orElse(DailyBudget.NONE);
        Integer approvalMinutes = optional(p, "approval_timeout_minutes")
                .map(n -> values.positive(n, "approval_timeout_minutes", null)).orElse(null);
        Integer reviewHours = optional(p, "review_sla_hours")
                .map(n -> values.positive(n, "review_sla_hours", null)).orElse(null);
        RiskContext context = optional(p, "risk_context").map(this::riskContext).orElse(RiskContext.DEFAULT);
        RiskWeights weights = optional(p, "risk_weights").map(this::weights).orElse(RiskWeights.DEFAULT);
        McpTools mcp = McpToolsReader.read(p, values);

        if (!values.problems().isEmpty() || name == null || confidence == null || sandbox == null || thresholds == null
                || context == null || weights == null || budget == null) {
            return null;
        }
        return new AgentPolicy(name, description, allowed, denied, rateLimits, sandbox, network, confidence,
                thresholds, overrides, new AutonomyLimits(maxActions, maxMinutes), budget,
                approvalMinutes == null ? PolicyDefaults.APPROVAL_TIMEOUT : Duration.ofMinutes(approvalMinutes),
                reviewHours == null ? PolicyDefaults.REVIEW_SLA : Duration.ofHours(reviewHours),
                context, weights, mcp);
    }

    // ---- the fields -------------------------------------------------------------------------------------

    private String name(YamlNode.Mapping p, Position at) {
        Optional<YamlNode> node = required(p, "name", at);
        if (node.isEmpty()) {
            return null;
        }
        String name = values.text(node.get(), "name");
        if (name != null && !NAME.matcher(name).matches()) {
            values.problem(node.get().position(), "name \"" + name + "\" may use letters, digits, . _ and - only "
                    + "(at most 64, starting with a letter or digit), e.g. customer-support-agent");
            return null;
        }
        return name;
    }

    private void overlapOfAllowedAndDenied(YamlNode.Mapping p) {
        YamlNode.Entry allowed = p.entries().get("allowed_actions");
        YamlNode.Entry denied = p.entries().get("denied_actions");
        if (allowed == null || denied == null
                || !(allowed.value() instanceof YamlNode.Sequence a) || !(denied.value() instanceof YamlNode.Sequence d)) {
            return;
        }
        for (YamlNode deny : d.items()) {
            if (!(deny instanceof YamlNode.Scalar ds)) {
                continue;
            }
            for (YamlNode allow : a.items()) {
                if (allow instanceof YamlNode.Scalar as
                        && ActionName.fold(as.text()).equals(ActionName.fold(ds.text()))) {
                    values.problem(deny.position(), "\"" + ds.text() + "\" is in both allowed_actions (line "
                            + allow.position().line() + ") and denied_actions; denied_actions wins, "
                            + "so remove it from one of the lists");
                }
            }
        }
    }

    private List<ActionPattern> patterns(YamlNode node, String path) {
        YamlNode.Sequence list = values.list(node, path);
        if (list == null) {
            return List.of();
        }
        List<ActionPattern> patterns = new ArrayList<>();
        Map<String, Position> seen = new LinkedHashMap<>();
        for (int i = 0; i < list.items().size(); i++) {
            YamlNode item = list.items().get(i);
            String text = values.text(item, path + " item " + (i + 1));
            if (text == null) {
                continue;
            }
            Optional<String> wrong = ActionPattern.problemWith(text);
            if (wrong.isPresent()) {
                values.problem(item.position(), "in " + path + ": " + wrong.get());
                continue;
            }
            ActionPattern pattern = ActionPattern.parse(text);
            Position first = seen.putIfAbsent(pattern.canonical(), item.position());
            if (first != null) {
                values.problem(item.position(), "\"" + text + "\" is listed twice in " + path + " (first at "
                        + where(first)
                        + (pattern.canonical().equals(text) ? "" : ", as the same pattern in lower case "
                        + pattern.canonical()) + "); remove one");
                continue;
            }
            patterns.add(pattern);
        }
        return patterns;
    }

    private List<NetworkTarget> network(YamlNode node) {
        YamlNode.Sequence list = values.list(node, "network_access");
        if (list == null) {
            return List.of();
        }
        List<NetworkTarget> targets = new ArrayList<>();
        Map<HostPort, Position> seen = new LinkedHashMap<>();
        for (int i = 0; i < list.items().size(); i++) {
            YamlNode item = list.items().get(i);
            String text = values.text(item, "network_access item " + (i + 1));
            if (text == null) {
                continue;
            }
            Optional<String> wrong = NetworkTarget.problemWith(text);
            if (wrong.isPresent()) {
                values.problem(item.position(), "in network_access: " + wrong.get());
                continue;
            }
            NetworkTarget target = NetworkTarget.tryParse(text).orElseThrow();
            Position first = seen.putIfAbsent(target.canonical(), item.position());
            if (first != null) {
                values.problem(item.position(), "\"" + text + "\" is listed twice in network_access (first at "
                        + where(first)
                        + "; both are " + target.canonical() + "); remove one");
                continue;
            }
            targets.add(target);
        }
        return targets;
    }

    private RateLimits rateLimits(YamlNode node) {
        YamlNode.Mapping m = values.block(node, "rate_limits");
        if (m == null) {
            return RateLimits.NONE;
        }
        unknownKeys(m, "rate_limits");
        String pause = "to stop the agent, pause it instead";
        return new RateLimits(
                optional(m, "actions_per_minute").map(n -> values.positive(n, "rate_limits.actions_per_minute", pause))
                        .orElse(null),
                optional(m, "escalations_per_hour")
                        .map(n -> values.positive(n, "rate_limits.escalations_per_hour", pause)).orElse(null));
    }

    private RiskThresholds thresholds(YamlNode node) {
        YamlNode.Mapping m = values.block(node, "risk_thresholds");
        if (m == null) {
            return null;
        }
        unknownKeys(m, "risk_thresholds");
        Double supervised = optional(m, "supervised").map(n -> values.fraction(n, "risk_thresholds.supervised"))
                .orElse(RiskThresholds.DEFAULT.supervised());
        Double gated = optional(m, "gated").map(n -> values.fraction(n, "risk_thresholds.gated"))
                .orElse(RiskThresholds.DEFAULT.gated());
        if (supervised == null || gated == null) {
            return null;
        }
        if (supervised > gated) {
            values.problem(m.position(), "risk_thresholds.supervised (" + supervised + ") must not be above "
                    + "risk_thresholds.gated (" + gated + ")");
            return null;
        }
        return new RiskThresholds(supervised, gated);
    }

    private List<TierOverride> tierOverrides(YamlNode node) {
        YamlNode.Mapping m = values.block(node, "tier_overrides");
        if (m == null) {
            return List.of();
        }
        List<TierOverride> overrides = new ArrayList<>();
        Map<String, Position> seen = new LinkedHashMap<>();
        for (YamlNode.Entry entry : m.entries().values()) {
            Optional<String> wrong = ActionPattern.problemWith(entry.key());
            if (wrong.isPresent()) {
                values.problem(entry.keyPosition(), "in tier_overrides: " + wrong.get());
                continue;
            }
            ActionPattern pattern = ActionPattern.parse(entry.key());
            Position first = seen.putIfAbsent(pattern.canonical(), entry.keyPosition());
            if (first != null) {
                // only the first of two keys that differ in case would ever apply: the second is dead
                values.problem(entry.keyPosition(), "tier_overrides has \"" + entry.key() + "\" twice (first at "
                        + where(first) + "; patterns ignore letter case, so both are " + pattern.canonical()
                        + "); keep one");
                continue;
            }
            String tierText = values.text(entry.value(), "tier_overrides." + entry.key());
            if (tierText == null) {
                continue;
            }
            Optional<RiskTier> tier = RiskTier.parse(tierText);
            if (tier.isEmpty()) {
                values.problem(entry.value().position(), "tier_overrides." + entry.key() + " must be autonomous, "
                        + "supervised or gated, not \"" + tierText + "\"" + suggestion(tierText, List.of("autonomous",
                        "supervised", "gated")));
                continue;
            }
            overrides.add(new TierOverride(pattern, tier.get()));
        }
        return overrides;
    }

    private DailyBudget budget(YamlNode node) {
        YamlNode.Mapping m = values.block(node, "budget");
        if (m == null) {
            return null;
        }
        unknownKeys(m, "budget");
        Long tokens = optional(m, "daily_tokens").map(n -> values.wholeNumber(n, "budget.daily_tokens"))
                .map(v -> values.nonNegative(v, m.entries().get("daily_tokens").value(), "budget.daily_tokens"))
                .orElse(null);
        Double cost = optional(m, "daily_cost_usd").map(n -> values.number(n, "budget.daily_cost_usd"))
                .map(v -> v < 0 ? values.negative(m.entries().get("daily_cost_usd").value(), "budget.daily_cost_usd", v)
                        : v)
                .orElse(null);
        Long alert = optional(m, "alert_at_percent").map(n -> values.wholeNumber(n, "budget.alert_at_percent"))
                .orElse((long) DailyBudget.DEFAULT_ALERT_PERCENT);
        if (alert != null && (alert < 1 || alert > 100)) {
            values.problem(m.entries().get("alert_at_percent").value().position(),
                    "budget.alert_at_percent must be from 1 to 100, not " + alert);
            return null;
        }
        if (alert == null) {
            return null;
        }
        return new DailyBudget(tokens, cost == null ? null : BigDecimal.valueOf(cost), alert.intValue());
    }

    private RiskContext riskContext(YamlNode node) {
        YamlNode.Mapping m = values.block(node, "risk_context");
        if (m == null) {
            return null;
        }
        unknownKeys(m, "risk_context");
        double supervisedUsd = RiskContext.DEFAULT.supervisedAmountUsd();
        double gatedUsd = RiskContext.DEFAULT.gatedAmountUsd();
        Optional<YamlNode> amounts = optional(m, "amount_thresholds_usd");
        if (amounts.isPresent()) {
            String path = "risk_context.amount_thresholds_usd";
            YamlNode.Mapping a = values.block(amounts.get(), path);
            if (a != null) {
                unknownKeys(a, path);
                Double s = optional(a, "supervised").map(n -> values.amount(n, path + ".supervised"))
                        .orElse(supervisedUsd);
                Double g = optional(a, "gated").map(n -> values.amount(n, path + ".gated")).orElse(gatedUsd);
                if (s != null && g != null && s > g) {
                    values.problem(a.position(), path + ".supervised ($" + s + ") must not be above " + path
                            + ".gated ($" + g + ")");
                } else if (s != null && g != null) {
                    supervisedUsd = s;
                    gatedUsd = g;
                }
            }
        }
        List<ActionPattern> irreversible = optional(m, "irreversible_actions")
                .map(n -> patterns(n, "risk_context.irreversible_actions")).orElse(List.of());
        Map<DataClass, Double> sensitivity = new EnumMap<>(DataClass.class);
        Optional<YamlNode> classes = optional(m, "data_classes");
        if (classes.isPresent()) {
            String path = "risk_context.data_classes";
            YamlNode.Mapping c = values.block(classes.get(), path);
            if (c != null) {
                for (YamlNode.Entry entry : c.entries().values()) {
                    Optional<DataClass> dataClass = DataClass.parse(entry.key());
                    if (dataClass.isEmpty()) {
                        values.problem(entry.keyPosition(), "unknown data class \"" + entry.key() + "\" in " + path
                                + suggestion(entry.key(), labels()) + "; the classes are PII, PHI, Financial "
                                + "and Public");
                        continue;
                    }
                    Double value = values.fraction(entry.value(), path + "." + entry.key());
                    if (value != null) {
                        sensitivity.put(dataClass.get(), value);
                    }
                }
            }
        }
        return new RiskContext(supervisedUsd, gatedUsd, irreversible, sensitivity);
    }

    private RiskWeights weights(YamlNode node) {
        YamlNode.Mapping m = values.block(node, "risk_weights");
        if (m == null) {
            return null;
        }
        unknownKeys(m, "risk_weights");
        RiskWeights d = RiskWeights.DEFAULT;
        Double reversibility = optional(m, "reversibility").map(n -> values.fraction(n, "risk_weights.reversibility"))
                .orElse(d.reversibility());
        Double financial = optional(m, "financial").map(n -> values.fraction(n, "risk_weights.financial"))
                .orElse(d.financial());
        Double data = optional(m, "data_sensitivity").map(n -> values.fraction(n, "risk_weights.data_sensitivity"))
                .orElse(d.dataSensitivity());
        Double regulatory = optional(m, "regulatory").map(n -> values.fraction(n, "risk_weights.regulatory"))
                .orElse(d.regulatory());
        if (reversibility == null || financial == null || data == null || regulatory == null) {
            return null;
        }
        return new RiskWeights(reversibility, financial, data, regulatory);
    }

    // ---- keys -------------------------------------------------------------------------------------------

    private Optional<YamlNode> optional(YamlNode.Mapping m, String key) {
        YamlNode.Entry entry = m.entries().get(key);
        return entry == null ? Optional.empty() : Optional.of(entry.value());
    }

    private Optional<YamlNode> required(YamlNode.Mapping m, String key, Position blockAt) {
        YamlNode.Entry entry = m.entries().get(key);
        if (entry == null) {
            values.problem(blockAt, "agent_policy has no " + key + (key.equals("allowed_actions")
                    ? "; list the actions this agent may take (anything not listed is denied)" : ""));
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    private void unknownKeys(YamlNode.Mapping m, String path) {
        List<String> known = KEYS.get(path);
        for (YamlNode.Entry entry : m.entries().values()) {
            if (known.contains(entry.key())) {
                continue;
            }
            String where = KEYS.entrySet().stream()
                    .filter(e -> !e.getKey().equals(path) && e.getValue().contains(entry.key()))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            String message = "unknown key \"" + entry.key() + "\" in " + path;
            Optional<String> close = Spelling.closest(entry.key(), known);
            if (close.isPresent()) {
                message += "; did you mean \"" + close.get() + "\"?";
            } else if (where != null) {
                message += "; it belongs under " + where + ":";
            } else {
                message += "; the keys here are " + String.join(", ", known);
            }
            values.problem(entry.keyPosition(), message);
        }
    }

    private static String suggestion(String wrong, List<String> known) {
        return Spelling.closest(wrong, known).map(s -> " (did you mean \"" + s + "\"?)").orElse("");
    }

    private static List<String> labels() {
        return java.util.Arrays.stream(DataClass.values()).map(DataClass::label).toList();
    }

    private static String where(Position p) {
        return "line " + p.line() + ", column " + p.column();
    }
}
