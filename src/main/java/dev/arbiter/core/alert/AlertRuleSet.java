package dev.arbiter.core.alert;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** One rule per kind: the rules in force for one agent (shipped defaults with the workspace's, policy's and agent's edits). */
public record AlertRuleSet(Map<RuleKind, AlertRule> rules) {

    public AlertRuleSet {
        EnumMap<RuleKind, AlertRule> copy = new EnumMap<>(RuleKind.class);
        copy.putAll(rules);
        for (RuleKind kind : RuleKind.values()) {
            if (!copy.containsKey(kind)) {
                throw new IllegalArgumentException("no rule for " + kind.key());
            }
        }
        rules = Collections.unmodifiableMap(copy);
    }

    public AlertRule rule(RuleKind kind) {
        return rules.get(kind);
    }

    /** This set with {@code edits} applied over it (kinds not edited stay as they are). */
    public AlertRuleSet with(Map<RuleKind, AlertRule> edits) {
        EnumMap<RuleKind, AlertRule> merged = new EnumMap<>(rules);
        merged.putAll(edits);
        return new AlertRuleSet(merged);
    }

    /** Every rule switched off: for {@code arbiter bench gateway --alerts off}. */
    public AlertRuleSet allOff() {
        EnumMap<RuleKind, AlertRule> off = new EnumMap<>(RuleKind.class);
        rules.forEach((k, r) -> off.put(k, r.withEnabled(false)));
        return new AlertRuleSet(off);
    }
}
