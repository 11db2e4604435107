package dev.arbiter.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyYamlTest {

    static final String GUIDE = SamplePolicies.GUIDE;

    static List<String> problems(String yaml) {
        PolicyCheck check = PolicyYaml.check(yaml);
        assertThat(check.isValid()).as("expected problems in:%n%s", yaml).isFalse();
        return check.problems().stream().map(PolicyProblem::toString).toList();
    }

    static String policyWith(String extraLines) {
        return """
                agent_policy:
                  name: "p"
                  allowed_actions:
                    - read:customer_profile
                """ + extraLines;
    }

    @Test
    void readsTheGuidesExampleExactlyAsWritten() {
        AgentPolicy p = PolicyYaml.parse(GUIDE);

        assertThat(p.name()).isEqualTo("customer-support-agent");
        assertThat(p.allowedActions()).extracting(ActionPattern::text).containsExactly(
                "read:customer_profile", "read:order_history", "create:support_ticket", "send:email_template");
        assertThat(p.deniedActions()).extracting(ActionPattern::text).containsExactly(
                "write:payment_info", "delete:customer_data", "access:admin_panel");
        assertThat(p.rateLimits()).isEqualTo(new RateLimits(30, 10));
        assertThat(p.sandbox()).isTrue();
        assertThat(p.networkAccess()).extracting(NetworkTarget::text)
                .containsExactly("crm-api.internal:443", "email-service.internal:443");
    }

    @Test
    void theGuidesExampleGetsArbitersDefaults() {
        AgentPolicy p = PolicyYaml.parse(GUIDE);

        assertThat(p.confidenceThreshold()).isEqualTo(0.70);
        assertThat(p.riskThresholds()).isEqualTo(RiskThresholds.DEFAULT);
        assertThat(p.riskWeights()).isEqualTo(RiskWeights.DEFAULT);
        assertThat(p.tierOverrides()).isEmpty();
        assertThat(p.autonomy()).isEqualTo(AutonomyLimits.NONE);
        assertThat(p.budget()).isEqualTo(DailyBudget.NONE);
        assertThat(p.approvalTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(p.reviewSla()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void readsArbitersAdditions() throws IOException {
        AgentPolicy p = PolicyYaml.parse(sample("data-cleanup-agent.yaml"));

        assertThat(p.confidenceThreshold()).isEqualTo(0.9);
        assertThat(p.tierOverrides()).extracting(o -> o.pattern().text() + "=" + o.tier())
                .containsExactly("delete:*=GATED", "archive:*=SUPERVISED");
        assertThat(p.autonomy()).isEqualTo(new AutonomyLimits(50, 60));
        assertThat(p.budget()).isEqualTo(new DailyBudget(300_000L, new BigDecimal("12.5"), 75));
        assertThat(p.approvalTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(p.reviewSla()).isEqualTo(Duration.ofHours(8));
        assertThat(p.riskContext().irreversibleActions()).extracting(ActionPattern::text).containsExactly("delete:*");
        assertThat(p.riskContext().sensitivityOf(DataClass.PII)).isEqualTo(0.6);
        assertThat(p.riskContext().sensitivityOf(DataClass.PHI)).isEqualTo(1.0);
        assertThat(p.riskWeights().reversibility()).isEqualTo(0.8);
        assertThat(p.riskWeights().financial()).isEqualTo(RiskWeights.DEFAULT.financial());
    }

    @Test
    void everyShippedSamplePolicyIsValidAndTheDemoCopiesMatchThem() throws IOException {
        for (String file : List.of("customer-support-agent.yaml", "refunds-agent.yaml", "data-cleanup-agent.yaml")) {
            String shipped = Files.readString(Path.of("resources/policies", file));
            assertThat(PolicyYaml.check(shipped).problems()).as(file).isEmpty();
            assertThat(sample(file)).as("demo copy of " + file).isEqualTo(shipped);
        }
        assertThat(sample("customer-support-agent.yaml")).isEqualTo(GUIDE);
    }

    @Test
    void unknownKeySuggestsTheClosestKnownOne() {
        assertThat(problems(policyWith("  rate_limits:\n    actions_per_minut: 30\n")))
                .containsExactly("6:5: unknown key \"actions_per_minut\" in rate_limits; "
                        + "did you mean \"actions_per_minute\"?");
        assertThat(problems("agent_policy:\n  name: p\n  alowed_actions:\n    - read:x\n"))
                .contains("3:3: unknown key \"alowed_actions\" in agent_policy; did you mean \"allowed_actions\"?");
    }

    @Test
    void aKeyInTheWrongBlockSaysWhereItBelongs() {
        assertThat(problems(policyWith("  actions_per_minute: 30\n")))
                .containsExactly("5:3: unknown key \"actions_per_minute\" in agent_policy; it belongs under rate_limits:");
    }

    @Test
    void wrongTypesNameTheFieldAndWhatWasFound() {
        assertThat(problems(policyWith("  rate_limits:\n    actions_per_minute: thirty\n")))
                .containsExactly("6:25: rate_limits.actions_per_minute must be a whole number, not the text \"thirty\"");
        assertThat(problems(policyWith("  rate_limits:\n    actions_per_minute: \"30\"\n")))
                .containsExactly("6:25: rate_limits.actions_per_minute must be a whole number, not the text \"30\" "
                        + "(remove the quotes)");
        assertThat(problems(policyWith("  sandbox: maybe\n")))
                .containsExactly("5:12: sandbox must be true or false, not the text \"maybe\"");
        assertThat(problems(policyWith("  network_access: crm-api.internal:443\n")))
                .containsExactly("5:19: network_access must be a list (one \"- item\" per line), "
                        + "not the text \"crm-api.internal:443\"");
    }

    @Test
    void badPatternsSayHowToWriteThem() {
        assertThat(problems(policyWith("    - readcustomer_profile\n")))
                .containsExactly("5:7: in allowed_actions: \"readcustomer_profile\" is not an action pattern: "
                        + "write verb:resource, e.g. read:customer_profile or delete:*");
        assertThat(problems(policyWith("    - \"read: profile\"\n")))
                .containsExactly("5:7: in allowed_actions: \"read: profile\" contains white space at position 6; "
                        + "patterns have no spaces, not even at the ends");
        assertThat(problems(policyWith("  network_access:\n    - crm-api.internal:99999\n")))
                .containsExactly("6:7: in network_access: \"crm-api.internal:99999\" has port \"99999\"; "
                        + "a port is a number from 1 to 65535 (or * for any)");
    }

    @Test
    void negativeAndZeroLimitsAreRefused() {
        assertThat(problems(policyWith("  rate_limits:\n    escalations_per_hour: -5\n")))
                .containsExactly("6:27: rate_limits.escalations_per_hour must not be negative (it is -5)");
        assertThat(problems(policyWith("  max_autonomous_minutes: 0\n")))
                .containsExactly("5:27: max_autonomous_minutes must be at least 1; to require review of every "
                        + "action, use tier_overrides");
        assertThat(problems(policyWith("  budget:\n    daily_cost_usd: -10.5\n")))
                .containsExactly("6:21: budget.daily_cost_usd must not be negative (it is -10.5)");
        assertThat(problems(policyWith("  confidence_threshold: 1.5\n")))
                .containsExactly("5:25: confidence_threshold must be between 0 and 1, not 1.5");
    }

    @Test
    void anActionInBothAllowAndDenyIsAnError() {
        assertThat(problems(policyWith("  denied_actions:\n    - access:admin_panel\n    - READ:customer_profile\n")))
                .containsExactly("7:7: \"READ:customer_profile\" is in both allowed_actions (line 4) and "
                        + "denied_actions; denied_actions wins, so remove it from one of the lists");
    }

    @Test
    void anActionListedTwiceIsAnError() {
        assertThat(problems(policyWith("    - read:customer_profile\n")))
                .containsExactly("5:7: \"read:customer_profile\" is listed twice in allowed_actions (first at "
                        + "line 4, column 7); remove one");
    }

    @Test
    void missingRequiredFieldsPointAtTheBlock() {
        assertThat(problems("agent_policy:\n  sandbox: true\n")).containsExactly(
                "1:1: agent_policy has no name",
                "1:1: agent_policy has no allowed_actions; list the actions this agent may take "
                        + "(anything not listed is denied)");
        assertThat(problems("name: x\nallowed_actions: []\n")).contains(
                "1:1: \"name\" belongs inside the agent_policy: block; indent it under agent_policy:");
    }

    @Test
    void tierOverridesNeedAKnownTier() {
        assertThat(problems(policyWith("  tier_overrides:\n    \"delete:*\": gate\n")))
                .containsExactly("6:17: tier_overrides.delete:* must be autonomous, supervised or gated, "
                        + "not \"gate\" (did you mean \"gated\"?)");
        AgentPolicy p = PolicyYaml.parse(policyWith("  tier_overrides:\n    delete:*: gated\n"));
        assertThat(p.tierOverrideFor(ActionName.of("delete:logs")).tier()).isEqualTo(RiskTier.GATED);
    }

    @Test
    void severalProblemsAreReportedInLineOrder() {
        List<String> found = problems("""
                agent_policy:
                  name: "p"
                  allowed_actions:
                    - bad
                  sandbox: 3
                  rate_limits:
                    actions_per_minute: -1
                """);
        assertThat(found).extracting(s -> s.substring(0, s.indexOf(": "))).containsExactly("4:7", "5:12", "7:25");
    }

    @Test
    void yamlSyntaxErrorsNameLineAndColumn() {
        assertThat(problems("agent_policy:\n  name: a: b\n"))
                .containsExactly("2:10: YAML syntax: mapping values are not allowed here");
        assertThat(problems("agent_policy:\n  allowed_actions: [read:x,\n"))
                .singleElement().asString().startsWith("3:1: YAML syntax:");
    }

    // ---- hostile input ----

    @Test
    void aYamlBombIsRefusedAtItsFirstAlias() {
        String bomb = """
                a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
                b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
                agent_policy: *d
                """;
        assertThat(problems(bomb)).containsExactly(
                "2:8: aliases (*a) are not allowed in a policy; write the value out in full");
    }

    @Test
    void aTenMegabyteFileIsRefusedBeforeParsing() {
        byte[] big = new byte[10 * 1024 * 1024];
        Arrays.fill(big, (byte) '#');
        PolicyCheck check = PolicyYaml.check(big);
        assertThat(check.problems()).extracting(PolicyProblem::toString)
                .containsExactly("1:1: the file is 10.0 MB; a policy file may be at most 1.0 MB. Is this the right file?");
    }

    @Test
    void tabIndentationIsNamed() {
        assertThat(problems("agent_policy:\n  name: p\n\tallowed_actions: []\n"))
                .containsExactly("3:1: this line is indented with a tab; YAML indentation must use spaces");
    }

    @Test
    void aByteOrderMarkIsRefused() {
        byte[] withBom = ("\uFEFF" + GUIDE).getBytes(StandardCharsets.UTF_8);
        assertThat(PolicyYaml.check(withBom).problems()).extracting(PolicyProblem::toString)
                .containsExactly("1:1: the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM");
        assertThat(PolicyYaml.check("\uFEFF" + GUIDE).isValid()).isFalse();
    }

    @Test
    void nonUtf8BytesAreNamedWithTheirPosition() {
        byte[] latin1 = "agent_policy:\n  name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(PolicyYaml.check(latin1).problems()).extracting(PolicyProblem::toString)
                .containsExactly("2:12: byte 0xE9 is not valid UTF-8; save the file as UTF-8");
    }

    @Test
    void controlCharactersAndSecondDocumentsAreRefused() {
        assertThat(problems("agent_policy:\n  name: \"a\u0007\"\n")).singleElement().asString()
                .contains("control character U+0007");
        assertThat(problems(GUIDE + "---\nagent_policy:\n  name: other\n")).singleElement().asString()
                .startsWith("21:1: a policy file holds one YAML document");
    }

    @Test
    void emptyInputSaysWhatAPolicyLooksLike() {
        assertThat(problems("")).containsExactly("1:1: the file is empty; a policy starts with agent_policy:");
        assertThat(problems("# only a comment\n")).containsExactly(
                "1:1: the file is empty; a policy starts with agent_policy:");
    }

    static String sample(String file) {
        return SamplePolicies.text(file);
    }
}
