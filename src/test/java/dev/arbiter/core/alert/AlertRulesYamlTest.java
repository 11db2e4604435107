package dev.arbiter.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.policy.PolicyProblem;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertRulesYamlTest {

    @Test
    void shippedRulesCoverEveryKindAndRoundTrip() {
        AlertRuleSet shipped = AlertRules.shipped();
        assertThat(shipped.rules()).hasSize(RuleKind.values().length);
        assertThat(shipped.rule(RuleKind.DENIAL_BURST).threshold()).isEqualTo(10);
        AlertRulesYaml.Result again = AlertRulesYaml.apply(AlertRulesYaml.write(shipped), shipped);
        assertThat(again.rules()).isEqualTo(shipped);
    }

    @Test
    void anEditChangesOnlyWhatItWrites() {
        AlertRuleSet edited = AlertRulesYaml.apply("alert_rules:\n  cost_per_hour:\n    usd: 2500.5\n"
                + "    response: kill\n  new_action:\n    enabled: false\n", AlertRules.shipped()).rules();
        AlertRule cost = edited.rule(RuleKind.COST_PER_HOUR);
        assertThat(cost.threshold()).isEqualTo(2500.5);
        assertThat(cost.response()).isEqualTo(Response.KILL);
        assertThat(cost.window()).isEqualTo(Duration.ofHours(1));
        assertThat(edited.rule(RuleKind.NEW_ACTION).enabled()).isFalse();
        assertThat(edited.rule(RuleKind.DENIAL_BURST)).isEqualTo(AlertRules.shipped().rule(RuleKind.DENIAL_BURST));
    }

    @Test
    void problemsNameLineAndColumnAndWhatToWrite() {
        List<PolicyProblem> problems = AlertRules.validate("""
                alert_rules:
                  denial_bursts:
                    count: 5
                  high_risk_run:
                    risk: 1.5
                    run: 0
                    window: 90x
                    response: shout
                    colour: red
                """);
        assertThat(problems).extracting(PolicyProblem::toString).containsExactly(
                "2:3: unknown rule denial_bursts; the rules are rate_above_baseline, denial_burst, "
                        + "rate_limited_burst, new_action, high_risk_run, low_confidence_run, budget_alert, "
                        + "budget_exhausted, cost_per_hour, off_hours, auth_refused_spike, detector_overloaded",
                "5:11: risk of high_risk_run must be from 0 to 1, not 1.5",
                "6:10: run must be a whole number from 1 to 1000000000, not the number 0",
                "7:13: window must be a whole number and a unit, 1s to 7d (30s, 5m, 1h, 1d), not the value 90x",
                "8:15: response must be none, pause or kill, not the text \"shout\"",
                "9:5: unknown setting colour for high_risk_run; it has enabled, window, response, risk, run");
        assertThat(AlertRules.validate("rules: {}\n")).extracting(PolicyProblem::toString)
                .containsExactly("1:1: an alert rules file starts with alert_rules:");
        assertThat(AlertRules.validate("alert_rules:\n\tx: 1\n")).hasSize(1);
        assertThat(AlertRules.validate("alert_rules:\n  off_hours:\n    share: 1\n")).extracting(PolicyProblem::message)
                .containsExactly("share of off_hours must be above 0 and below 1 (a share of the agent's history), not 1.0");
    }
}
