package dev.arbiter.core.alert;

import dev.arbiter.core.policy.PolicyProblem;
import dev.arbiter.core.policy.Position;
import dev.arbiter.core.policy.YamlNode;
import dev.arbiter.core.policy.YamlReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads alert rules written as YAML, over a base set, and names the line and column of each problem
 * (the same reader and message form as policies):
 *
 * <pre>
 * alert_rules:
 *   denial_burst:
 *     window: 1m        # whole number + s, m, h or d; 1s to 7d
 *     count: 10         # the kind's threshold name (see RuleKind)
 *     response: pause   # none, pause or kill
 *   new_action:
 *     enabled: false
 * </pre>
 *
 * Only what is written changes: an agent's file that sets {@code response: kill} for one rule keeps
 * every other figure of its policy's or the shipped rules.
 */
public final class AlertRulesYaml {

    /** The top-level key of an alert rules document. */
    public static final String ROOT = "alert_rules";
    static final Duration MAX_WINDOW = Duration.ofDays(7);
    private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,6})([smhd])");

    /** The rules read, or the problems that stopped them (never both). */
    public record Result(AlertRuleSet rules, List<PolicyProblem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private AlertRulesYaml() {
    }

    /** Applies {@code text} over {@code base}; problems in document order. */
    public static Result apply(String text, AlertRuleSet base) {
        YamlReader.Result read = YamlReader.read(text);
        if (!read.ok()) {
            return new Result(null, List.of(read.problem()));
        }
        List<PolicyProblem> problems = new ArrayList<>();
        if (!(read.root() instanceof YamlNode.Mapping root) || !root.entries().containsKey(ROOT)) {
            return new Result(null, List.of(new PolicyProblem(read.root().position(),
                    "an alert rules file starts with " + ROOT + ":")));
        }
        for (YamlNode.Entry extra : root.entries().values()) {
            if (!extra.key().equals(ROOT)) {
                problems.add(new PolicyProblem(extra.keyPosition(), "unknown key " + extra.key()
                        + "; an alert rules file has only " + ROOT + ":"));
            }
        }
        YamlNode.Entry rulesEntry = root.entries().get(ROOT);
        Map<RuleKind, AlertRule> edits = new EnumMap<>(RuleKind.class);
        if (rulesEntry.value() instanceof YamlNode.Mapping rules) {
            for (YamlNode.Entry entry : rules.entries().values()) {
                var kind = RuleKind.ofKey(entry.key());
                if (kind.isEmpty()) {
                    problems.add(new PolicyProblem(entry.keyPosition(), "unknown rule " + entry.key()
                            + "; the rules are " + keys()));
                    continue;
                }
                AlertRule edited = rule(kind.get(), base.rule(kind.get()), entry.value(), problems);
                edits.put(kind.get(), edited);
            }
        } else if (!(rulesEntry.value() instanceof YamlNode.Scalar s && s.kind() == YamlNode.Scalar.Kind.EMPTY)) {
            problems.add(new PolicyProblem(rulesEntry.value().position(), ROOT + " must be a block of rules, not "
                    + rulesEntry.value().describe()));
        }
        return problems.isEmpty() ? new Result(base.with(edits), List.of()) : new Result(null, List.copyOf(problems));
    }

    private static String keys() {
        return java.util.Arrays.stream(RuleKind.values()).map(RuleKind::key).collect(Collectors.joining(", "));
    }

    private static AlertRule rule(RuleKind kind, AlertRule base, YamlNode node, List<PolicyProblem> problems) {
        if (!(node instanceof YamlNode.Mapping fields)) {
            problems.add(new PolicyProblem(node.position(), kind.key() + " must be a block of settings, not "
                    + node.describe()));
            return base;
        }
        AlertRule rule = base;
        for (YamlNode.Entry field : fields.entries().values()) {
            YamlNode value = field.value();
            String name = field.key();
            if (name.equals("enabled")) {
                if (value instanceof YamlNode.Scalar s && s.kind() == YamlNode.Scalar.Kind.BOOLEAN) {
                    rule = rule.withEnabled(Boolean.parseBoolean(s.text().toLowerCase(Locale.ROOT)));
                } else {
                    problems.add(new PolicyProblem(value.position(), "enabled must be true or false, not "
                            + value.describe()));
                }
            } else if (name.equals("window")) {
                Duration window = duration(value, problems);
                if (window != null) {
                    rule = rule.withWindow(window);
                }
            } else if (name.equals("response")) {
                var response = value instanceof YamlNode.Scalar s ? Response.ofKey(s.text()) : java.util.Optional.<Response>empty();
                if (response.isPresent()) {
                    rule = rule.withResponse(response.get());
                } else {
                    problems.add(new PolicyProblem(value.position(), "response must be none, pause or kill, not "
                            + value.describe()));
                }
            } else if (name.equals(kind.thresholdName())) {
                Double number = number(value, problems, name);
                if (number != null && thresholdInRange(kind, name, number, value.position(), problems)) {
                    rule = rule.withThreshold(number);
                }
            } else if (name.equals(kind.minimumName())) {
                Double number = number(value, problems, name);
                if (number != null) {
                    if (number != Math.rint(number) || number < 1 || number > 1_000_000_000) {
                        problems.add(new PolicyProblem(value.position(), name
                                + " must be a whole number from 1 to 1000000000, not " + value.describe()));
                    } else {
                        rule = rule.withMinimum(number.longValue());
                    }
                }
            } else {
                problems.add(new PolicyProblem(field.keyPosition(), "unknown setting " + name + " for "
                        + kind.key() + "; it has " + settingsOf(kind)));
            }
        }
        return rule;
    }

    private static String settingsOf(RuleKind kind) {
        List<String> names = new ArrayList<>(List.of("enabled", "window", "response"));
        if (kind.thresholdName() != null) {
            names.add(kind.thresholdName());
        }
        if (kind.minimumName() != null) {
            names.add(kind.minimumName());
        }
        return String.join(", ", names);
    }

    private static boolean thresholdInRange(RuleKind kind, String name, double value, Position at,
                                            List<PolicyProblem> problems) {
        String wrong = switch (kind) {
            case HIGH_RISK_RUN, LOW_CONFIDENCE_RUN -> value < 0 || value > 1 ? "from 0 to 1" : null;
            case OFF_HOURS -> value <= 0 || value >= 1 ? "above 0 and below 1 (a share of the agent's history)" : null;
            case RATE_ABOVE_BASELINE -> value <= 1 || value > 1_000_000 ? "above 1 (times the baseline)" : null;
            case DENIAL_BURST, RATE_LIMITED_BURST, AUTH_REFUSED_SPIKE ->
                    value < 1 || value != Math.rint(value) || value > 1_000_000_000 ? "a whole number from 1" : null;
            default -> value <= 0 || value > 1e12 ? "above 0" : null;
        };
        if (wrong != null) {
            problems.add(new PolicyProblem(at, name + " of " + kind.key() + " must be " + wrong + ", not " + value));
            return false;
        }
        return true;
    }

    private static Double number(YamlNode value, List<PolicyProblem> problems, String name) {
        if (value instanceof YamlNode.Scalar s && (s.kind() == YamlNode.Scalar.Kind.WHOLE_NUMBER
                || s.kind() == YamlNode.Scalar.Kind.DECIMAL)) {
            double d = Double.parseDouble(s.text());
            if (Double.isFinite(d)) {
                return d;
            }
        }
        problems.add(new PolicyProblem(value.position(), name + " must be a plain number such as 10 or 0.5, not "
                + value.describe()));
        return null;
    }

    private static Duration duration(YamlNode value, List<PolicyProblem> problems) {
        if (value instanceof YamlNode.Scalar s) {
            Matcher m = DURATION.matcher(s.text());
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                Duration d = switch (m.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
                if (d.compareTo(MAX_WINDOW) <= 0) {
                    return d;
                }
            }
        }
        problems.add(new PolicyProblem(value.position(), "window must be a whole number and a unit, 1s to 7d "
                + "(30s, 5m, 1h, 1d), not " + value.describe()));
        return null;
    }

    /** The YAML for {@code window}, e.g. {@code 5m}. */
    static String format(Duration window) {
        long s = window.toSeconds();
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    /** {@code rules} written out in full, in the form {@link #apply} reads. */
    public static String write(AlertRuleSet rules) {
        StringBuilder out = new StringBuilder(ROOT).append(":\n");
        for (AlertRule r : rules.rules().values()) {
            out.append("  ").append(r.kind().key()).append(":\n");
            out.append("    enabled: ").append(r.enabled()).append('\n');
            out.append("    window: ").append(format(r.window())).append('\n');
            if (r.kind().thresholdName() != null) {
                double t = r.threshold();
                out.append("    ").append(r.kind().thresholdName()).append(": ")
                        .append(t == Math.rint(t) ? String.valueOf((long) t) : String.valueOf(t)).append('\n');
            }
            if (r.kind().minimumName() != null) {
                out.append("    ").append(r.kind().minimumName()).append(": ").append(r.minimum()).append('\n');
            }
            out.append("    response: ").append(r.response().key()).append('\n');
        }
        return out.toString();
    }
}
