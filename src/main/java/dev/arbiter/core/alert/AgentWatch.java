package dev.arbiter.core.alert;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The detection state of one agent and the checks of every rule against its next observation. Owned
 * by the detector thread (not thread-safe). De-duplication is not done here but by the detector.
 */
final class AgentWatch {

    private static final Set<String> NOT_A_DENIAL_BURST = Set.of("RATE_LIMITED", "KILL_SWITCH", "AGENT_PAUSED");

    private final String agentId;
    final Baseline baseline;
    final Set<String> seenActions;
    /** Actions first seen since the last save. */
    final List<String> newActions = new ArrayList<>();
    boolean baselineDirty;

    private final SlidingCount actions = new SlidingCount();
    private final SlidingCount denials = new SlidingCount();
    private final SlidingCount rateLimited = new SlidingCount();
    private final SlidingCount cost = new SlidingCount();
    private final SlidingCount refusals = new SlidingCount();
    private final Run highRisk = new Run();
    private final Run lowConfidence = new Run();
    private long minute = Long.MIN_VALUE;
    private long inMinute;

    /** Consecutive decisions meeting a condition: length, first seq and time. */
    private static final class Run {
        long length;
        long firstSeq;
        Instant firstAt;

        void extend(Observation o) {
            if (length == 0) {
                firstSeq = o.seq();
                firstAt = o.at();
            }
            length++;
        }
    }

    AgentWatch(String agentId, Baseline baseline, Set<String> seenActions) {
        this.agentId = agentId;
        this.baseline = baseline;
        this.seenActions = seenActions;
    }

    /** What {@code o} makes {@code rules} say; enabled rules only. */
    List<Finding> observe(Observation o, AlertRuleSet rules) {
        List<Finding> found = new ArrayList<>(1);
        switch (o.event()) {
            case Observation.BUDGET_ALERT -> {
                if (rules.rule(RuleKind.BUDGET_ALERT).enabled()) {
                    found.add(single(RuleKind.BUDGET_ALERT, o, "Daily budget reached its alert percentage",
                            figures("seq", o.seq())));
                }
            }
            case Observation.AUTH_REFUSED -> {
                AlertRule rule = rules.rule(RuleKind.AUTH_REFUSED_SPIKE);
                refusals.add(o.at(), o.seq(), o.refused(), rule.window());
                if (rule.enabled() && refusals.sum() >= rule.threshold()) {
                    found.add(windowed(rule, o, refusals, String.format(Locale.ROOT,
                            "%d refused logins with its tokens in %s (threshold %d)", (long) refusals.sum(),
                            AlertRulesYaml.format(rule.window()), (long) rule.threshold()),
                            figures("refused", (long) refusals.sum(), "threshold", (long) rule.threshold())));
                    refusals.clear();
                }
            }
            default -> decision(o, rules, found);
        }
        return found;
    }

    private void decision(Observation o, AlertRuleSet rules, List<Finding> found) {
        rate(o, rules.rule(RuleKind.RATE_ABOVE_BASELINE), found);
        boolean denied = "deny".equals(o.decision());
        if (denied && "RATE_LIMITED".equals(o.reasonCode())) {
            burst(o, rules.rule(RuleKind.RATE_LIMITED_BURST), rateLimited, "RATE_LIMITED answers", found);
        } else if (denied && !NOT_A_DENIAL_BURST.contains(o.reasonCode())) {
            burst(o, rules.rule(RuleKind.DENIAL_BURST), denials, "denials", found);
        }
        newAction(o, rules.rule(RuleKind.NEW_ACTION), found);
        run(o, rules.rule(RuleKind.HIGH_RISK_RUN), highRisk, o.risk(), true, found);
        run(o, rules.rule(RuleKind.LOW_CONFIDENCE_RUN), lowConfidence, o.confidence(), false, found);
        AlertRule exhausted = rules.rule(RuleKind.BUDGET_EXHAUSTED);
        if (exhausted.enabled() && "BUDGET_EXCEEDED".equals(o.reasonCode())) {
            found.add(single(RuleKind.BUDGET_EXHAUSTED, o, "Daily budget exhausted: " + o.action()
                    + " refused with BUDGET_EXCEEDED", figures("action", o.action())));
        }
        costPerHour(o, rules.rule(RuleKind.COST_PER_HOUR), found);
        offHours(o, rules.rule(RuleKind.OFF_HOURS), found);
    }

    private void rate(Observation o, AlertRule rule, List<Finding> found) {
        long m = Math.floorDiv(o.at().getEpochSecond(), 60);
        if (m > minute) {
            if (minute != Long.MIN_VALUE && inMinute > 0) {
                baseline.minuteDone(inMinute);
                baselineDirty = true;
            }
            minute = m;
            inMinute = 0;
        }
        inMinute++;
        actions.add(o.at(), o.seq(), 1, rule.window());
        double expected = baseline.perMinute() * rule.window().toSeconds() / 60.0;
        if (rule.enabled() && baseline.minutes() >= Baseline.WARMUP_MINUTES && actions.count() >= rule.minimum()
                && actions.count() > rule.threshold() * expected) {
            found.add(windowed(rule, o, actions, String.format(Locale.ROOT,
                    "%d actions in %s, %.1f times its usual %.1f", actions.count(),
                    AlertRulesYaml.format(rule.window()), actions.count() / Math.max(expected, 1e-9), expected),
                    figures("actions", actions.count(), "baseline", round(expected), "factor", rule.threshold(),
                            "min_actions", rule.minimum())));
            actions.clear();
        }
    }

    private void burst(Observation o, AlertRule rule, SlidingCount window, String what, List<Finding> found) {
        window.add(o.at(), o.seq(), 1, rule.window());
        if (rule.enabled() && window.count() >= rule.threshold()) {
            found.add(windowed(rule, o, window, String.format(Locale.ROOT, "%d %s in %s (threshold %d)",
                    window.count(), what, AlertRulesYaml.format(rule.window()), (long) rule.threshold()),
                    figures("count", window.count(), "threshold", (long) rule.threshold(), "last_reason",
                            o.reasonCode())));
            window.clear();
        }
    }

    private void newAction(Observation o, AlertRule rule, List<Finding> found) {
        if (o.action() == null || seenActions.contains(o.action())) {
            return;
        }
        seenActions.add(o.action());
        newActions.add(o.action());
        if (rule.enabled() && baseline.decisions() >= rule.minimum()) {
            found.add(single(RuleKind.NEW_ACTION, o, "First request for " + o.action() + " after "
                    + baseline.decisions() + " decisions", figures("action", o.action(), "decisions_before",
                    baseline.decisions(), "warmup", rule.minimum())));
        }
    }

    private void run(Observation o, AlertRule rule, Run run, Double value, boolean high, List<Finding> found) {
        if (value == null) {
            return; // not scored (refused before scoring, or no confidence sent): neither extends nor breaks
        }
        boolean meets = high ? value >= rule.threshold() : value < rule.threshold();
        if (!meets) {
            run.length = 0;
            return;
        }
        run.extend(o);
        if (rule.enabled() && run.length >= rule.minimum()) {
            String name = high ? "risk" : "confidence";
            found.add(new Finding(rule.kind(), agentId, run.firstAt, o.at(), run.firstSeq, o.seq(), run.firstAt,
                    String.format(Locale.ROOT, "%d decisions in a row with %s %s %s", run.length, name,
                            high ? "at or above" : "below", rule.threshold()),
                    figures("run", run.length, name + "_threshold", rule.threshold(), "last_" + name, value)));
            run.length = 0;
        }
    }

    private void costPerHour(Observation o, AlertRule rule, List<Finding> found) {
        if (o.costUsd() <= 0) {
            return;
        }
        cost.add(o.at(), o.seq(), o.costUsd(), rule.window());
        if (rule.enabled() && cost.sum() > rule.threshold()) {
            found.add(windowed(rule, o, cost, String.format(Locale.ROOT, "$%.2f requested in %s (limit $%.2f)",
                    cost.sum(), AlertRulesYaml.format(rule.window()), rule.threshold()),
                    figures("cost_usd", round(cost.sum()), "limit_usd", rule.threshold(), "requests", cost.count())));
            cost.clear();
        }
    }

    private void offHours(Observation o, AlertRule rule, List<Finding> found) {
        int hour = o.at().atOffset(ZoneOffset.UTC).getHour();
        long day = Math.floorDiv(o.at().getEpochSecond(), 86_400);
        long total = baseline.decisions();
        long inHour = baseline.inHour(hour);
        if (rule.enabled() && total >= rule.minimum() && baseline.days() >= Baseline.WARMUP_DAYS
                && inHour < rule.threshold() * total) {
            found.add(single(RuleKind.OFF_HOURS, o, String.format(Locale.ROOT,
                    "Active at %02d:00 UTC, an hour with %d of its %d decisions", hour, inHour, total),
                    figures("hour_utc", hour, "decisions_in_hour", inHour, "decisions", total,
                            "share_threshold", rule.threshold())));
        }
        baseline.decided(day, hour);
        baselineDirty = true;
    }

    private Finding single(RuleKind kind, Observation o, String summary,
                           Map<String, Object> figures) {
        return new Finding(kind, agentId, o.at(), o.at(), o.seq(), o.seq(), o.at(), summary, figures);
    }

    private Finding windowed(AlertRule rule, Observation o, SlidingCount window, String summary,
                             Map<String, Object> figures) {
        Instant first = window.firstAt() == null ? o.at() : window.firstAt();
        return new Finding(rule.kind(), agentId, o.at().minus(rule.window()), o.at(),
                window.firstSeq() == 0 ? o.seq() : window.firstSeq(), o.seq(), first, summary, figures);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static Map<String, Object> figures(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
