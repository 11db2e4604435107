package dev.arbiter.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 12 §1 and §6: patterns, targets and numbers of a policy have one reading, reported at line:col. */
class PolicyCanonicalFormTest {

    private static List<String> problems(String yaml) {
        PolicyCheck check = PolicyYaml.check(yaml);
        assertThat(check.isValid()).as("expected problems in:%n%s", yaml).isFalse();
        return check.problems().stream().map(PolicyProblem::toString).toList();
    }

    private static String policy(String body) {
        return "agent_policy:\n  name: p\n" + body;
    }

    @Test
    void aPatternInAnotherCaseIsADuplicateAtItsLineAndColumn() {
        assertThat(problems(policy("  allowed_actions:\n    - read:*\n    - READ:*\n")))
                .containsExactly("5:7: \"READ:*\" is listed twice in allowed_actions (first at line 4, column 7, "
                        + "as the same pattern in lower case read:*); remove one");
        assertThat(problems(policy("  allowed_actions:\n    - read:x\n  denied_actions:\n    - Read:Secrets\n"
                + "    - read:secrets\n"))).singleElement().asString().startsWith("7:7: ");
    }

    @Test
    void tierOverrideKeysInAnotherCaseAreOneKey() {
        assertThat(problems(policy("  allowed_actions:\n    - read:*\n  tier_overrides:\n    read:*: gated\n"
                + "    READ:*: autonomous\n")))
                .containsExactly("7:5: tier_overrides has \"READ:*\" twice (first at line 6, column 5; patterns "
                        + "ignore letter case, so both are read:*); keep one");
    }

    @Test
    void aTargetInAnotherSpellingIsADuplicate() {
        assertThat(problems(policy("  allowed_actions:\n    - read:x\n  network_access:\n"
                + "    - crm-api.internal:0443\n    - CRM-API.INTERNAL:443\n")))
                .containsExactly("7:7: \"CRM-API.INTERNAL:443\" is listed twice in network_access (first at line 6, "
                        + "column 7; both are crm-api.internal:443); remove one");
    }

    @Test
    void aPatternInBothListsIsFoundWhateverItsCase() {
        assertThat(problems(policy("  allowed_actions:\n    - read:secrets\n  denied_actions:\n    - READ:SECRETS\n")))
                .singleElement().asString().contains("is in both allowed_actions");
    }

    @Test
    void nonCanonicalPatternsAreRefusedSayingWhatToWrite() {
        assertThat(problems(policy("  allowed_actions:\n    - read:*\n  denied_actions:\n    - read:secrets/\n")))
                .containsExactly("6:7: in denied_actions: \"read:secrets/\" has an empty segment in its resource (a "
                        + "leading, trailing or doubled / or .); write read:secrets instead");
        assertThat(problems(policy("  allowed_actions:\n    - \"read:x \"\n"))).singleElement().asString()
                .startsWith("4:7: in allowed_actions:").contains("white space");
    }

    // ---- §6: numbers -----------------------------------------------------------------------------------

    /** Every numeric field the validator reads, as the YAML lines that hold it (NUM is the value). */
    static final List<String> NUMERIC_FIELDS = List.of(
            "  rate_limits:\n    actions_per_minute: NUM\n",
            "  rate_limits:\n    escalations_per_hour: NUM\n",
            "  confidence_threshold: NUM\n",
            "  risk_thresholds:\n    supervised: NUM\n",
            "  risk_thresholds:\n    gated: NUM\n",
            "  max_autonomous_actions: NUM\n",
            "  max_autonomous_minutes: NUM\n",
            "  budget:\n    daily_tokens: NUM\n",
            "  budget:\n    daily_cost_usd: NUM\n",
            "  budget:\n    alert_at_percent: NUM\n",
            "  approval_timeout_minutes: NUM\n",
            "  review_sla_hours: NUM\n",
            "  risk_context:\n    amount_thresholds_usd:\n      supervised: NUM\n",
            "  risk_context:\n    amount_thresholds_usd:\n      gated: NUM\n",
            "  risk_context:\n    data_classes:\n      PII: NUM\n",
            "  risk_weights:\n    reversibility: NUM\n",
            "  risk_weights:\n    financial: NUM\n",
            "  risk_weights:\n    data_sensitivity: NUM\n",
            "  risk_weights:\n    regulatory: NUM\n");

    @ParameterizedTest
    @ValueSource(strings = {"010", "08", "0x1E", "0X1e", "0o17", "0b101", "1_000", "+5", "1:30", ".5", "5.", "-010",
            ".inf", "-.inf", ".nan", "+0.5", "00", "0_1"})
    void numbersThatYamlReadersReadDifferentlyAreRefusedInEveryNumericField(String written) {
        for (String field : NUMERIC_FIELDS) {
            String yaml = policy("  allowed_actions:\n    - read:x\n" + field.replace("NUM", written));
            List<String> problems = problems(yaml);
            int line = (int) yaml.lines().takeWhile(l -> !l.contains(written)).count() + 1;
            assertThat(problems).as(yaml).singleElement().asString()
                    .startsWith(line + ":")
                    .contains("is written " + written + ", which is not a plain decimal number")
                    .doesNotContain("quotes")
                    .doesNotContain("too large");
        }
    }

    @Test
    void aLeadingZeroSaysWhatYaml11ReadersMakeOfIt() {
        assertThat(problems(policy("  allowed_actions:\n    - read:x\n  rate_limits:\n    actions_per_minute: 010\n")))
                .containsExactly("6:25: rate_limits.actions_per_minute is written 010, which is not a plain decimal "
                        + "number: a leading zero makes YAML 1.1 readers take it as octal (8) and others as decimal; "
                        + "write it in plain decimal digits (no leading zero, + sign, _ or 0x/0o/0b prefix), e.g. 30 "
                        + "or 0.5");
    }

    @Test
    void onlyQuotesThatAreThereAreMentioned() {
        assertThat(problems(policy("  allowed_actions:\n    - read:x\n  rate_limits:\n    actions_per_minute: \"10\"\n")))
                .singleElement().asString().endsWith("(remove the quotes)");
        assertThat(problems(policy("  allowed_actions:\n    - read:x\n  confidence_threshold: NaN\n")))
                .singleElement().asString().doesNotContain("quotes");
        assertThat(problems(policy("  allowed_actions:\n    - read:x\n  confidence_threshold: '0.x'\n")))
                .singleElement().asString().doesNotContain("quotes");
    }

    @Test
    void plainDecimalNumbersStillRead() {
        AgentPolicy p = PolicyYaml.parse(policy("  allowed_actions:\n    - read:x\n  rate_limits:\n"
                + "    actions_per_minute: 10\n  confidence_threshold: 0.7\n  budget:\n    daily_tokens: 100000\n"
                + "    daily_cost_usd: 1e3\n"));
        assertThat(p.rateLimits().actionsPerMinute()).isEqualTo(10);
        assertThat(p.confidenceThreshold()).isEqualTo(0.7);
        assertThat(p.budget().tokens()).isEqualTo(100_000L);
        assertThat(p.budget().costUsd()).isEqualByComparingTo("1000");
    }

    @Test
    void textFieldsMayStillLookLikeNumbers() {
        AgentPolicy p = PolicyYaml.parse("agent_policy:\n  name: 007\n  allowed_actions:\n    - read:x\n"
                + "  network_access:\n    - 10.0.0.1:443\n");
        assertThat(p.name()).isEqualTo("007");
        assertThat(p.networkAccess()).extracting(NetworkTarget::text).containsExactly("10.0.0.1:443");
    }
}
