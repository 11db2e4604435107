package dev.arbiter.core.alert;

import java.util.Arrays;
import java.util.Optional;

/**
 * The classes of anomaly Arbiter watches for (issue 16, "Alerts"; the guide's "real-time alerts on
 * anomalous behaviour: unusual action patterns, high-risk decisions, rate-limit violations"). Each
 * kind names its two tunable figures as they are spelled in the rules YAML: {@code threshold} (a
 * count, factor, score, share or dollar amount, see {@link #thresholdName}) and {@code minimum} (a
 * count; null name when the kind has none).
 */
public enum RuleKind {
    /** Actions in the window above {@code factor} times the agent's own mean per active minute. */
    RATE_ABOVE_BASELINE("rate_above_baseline", "factor", "min_actions",
            "action rate far above the agent's own baseline"),
    /** Denials (not counting rate limits, kill switch or pause) in the window, at least {@code count}. */
    DENIAL_BURST("denial_burst", "count", null, "burst of denials"),
    /** RATE_LIMITED answers in the window, at least {@code count}. */
    RATE_LIMITED_BURST("rate_limited_burst", "count", null, "burst of RATE_LIMITED answers"),
    /** An action the agent never asked for before, once it has asked {@code warmup} times. */
    NEW_ACTION("new_action", null, "warmup", "an action the agent has never asked for before"),
    /** {@code run} decisions in a row with risk at or above {@code risk}. */
    HIGH_RISK_RUN("high_risk_run", "risk", "run", "run of high-risk decisions"),
    /** {@code run} decisions in a row with the agent's confidence below {@code confidence}. */
    LOW_CONFIDENCE_RUN("low_confidence_run", "confidence", "run", "run of low-confidence decisions"),
    /** The daily budget reached its alert percentage (the engine's {@code budget.alert} entry). */
    BUDGET_ALERT("budget_alert", null, null, "budget at its alert percentage"),
    /** The first BUDGET_EXCEEDED answer. */
    BUDGET_EXHAUSTED("budget_exhausted", null, null, "budget exhausted"),
    /** Dollars requested in the window above {@code usd} (the guide's feedback-loop case). */
    COST_PER_HOUR("cost_per_hour", "usd", null, "cost per hour above the limit"),
    /** A decision in a UTC hour holding less than {@code share} of the agent's history, once it has {@code warmup}. */
    OFF_HOURS("off_hours", "share", "warmup", "activity outside the agent's usual hours"),
    /** Refused logins with the agent's tokens in the window, at least {@code count}. */
    AUTH_REFUSED_SPIKE("auth_refused_spike", "count", null, "spike in refused logins for the agent's tokens"),
    /** The detector's queue overflowed: decisions went unexamined (never silently). */
    DETECTOR_OVERLOADED("detector_overloaded", null, null, "the alert detector is overloaded");

    private final String key;
    private final String thresholdName;
    private final String minimumName;
    private final String label;

    RuleKind(String key, String thresholdName, String minimumName, String label) {
        this.key = key;
        this.thresholdName = thresholdName;
        this.minimumName = minimumName;
        this.label = label;
    }

    /** The rule's name in YAML, the ledger and the CLI, e.g. {@code denial_burst}. */
    public String key() {
        return key;
    }

    /** The YAML key of the threshold figure, or null when the kind has none. */
    public String thresholdName() {
        return thresholdName;
    }

    /** The YAML key of the minimum count, or null when the kind has none. */
    public String minimumName() {
        return minimumName;
    }

    /** What the rule watches for, in words. */
    public String label() {
        return label;
    }

    public static Optional<RuleKind> ofKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
