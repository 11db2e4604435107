package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class PolicyTestCommandTest {

    @TempDir
    Path dir;

    private static final String POLICY = """
            agent_policy:
              name: "shop-agent"
              allowed_actions:
                - read:orders
                - issue:refund
              denied_actions:
                - delete:*
              rate_limits:
                actions_per_minute: 3
              budget:
                daily_tokens: 1000
            """;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void theShippedExampleTestsPass() {
        CliRun run = CliRun.of("policy", "test", "resources/policies", "--coverage");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("customer-support-agent.tests.yaml (policy customer-support-agent")
                .contains("PASS  the 31st action in a minute is rate limited").contains("0 failed")
                .contains("coverage:");
    }

    @Test
    void aFailingCaseExitsOneNamingWhatDifferedAndWhere() throws Exception {
        write("shop-agent.yaml", POLICY);
        Path tests = write("shop-agent.tests.yaml", """
                policy_tests:
                  cases:
                    - name: reads orders
                      request: {action: read:orders}
                      expect: {decision: allow, tier: autonomous}
                    - name: the fourth action in a minute is refused
                      given:
                        - request: {action: read:orders}
                          repeat: 3
                          every: 10s
                      request: {action: read:orders}
                      expect: {decision: deny, reason_code: RATE_LIMITED}
                    - name: wrongly expects deletes to pass
                      request: {action: delete:orders/7}
                      expect: {decision: allow}
                    - name: the budget runs out
                      given:
                        - request: {action: read:orders, tokens_consumed: 1000}
                      request: {action: read:orders, tokens_consumed: 1}
                      expect: {reason_code: BUDGET_EXCEEDED}
                """);
        Path xml = dir.resolve("reports/policy-tests.xml");

        CliRun run = CliRun.of("policy", "test", dir.resolve("shop-agent.yaml").toString(), "--junit", xml.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("PASS  reads orders").contains("PASS  the fourth action in a minute is refused")
                .contains("FAIL  wrongly expects deletes to pass")
                .contains("expected decision allow, got deny")
                .contains("DENIED_BY_POLICY")
                .contains("at " + tests + ":13:7")
                .contains("PASS  the budget runs out")
                .contains("4 cases: 3 passed, 1 failed");

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        Element suites = doc.getDocumentElement();
        assertThat(suites.getTagName()).isEqualTo("testsuites");
        Element suite = (Element) suites.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("shop-agent.tests.yaml");
        assertThat(suite.getAttribute("tests")).isEqualTo("4");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        assertThat(suite.getAttribute("time")).matches("\\d+\\.\\d{3}");
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(4);
        Element failed = (Element) cases.item(2);
        assertThat(failed.getAttribute("classname")).isEqualTo("policy.shop-agent");
        assertThat(failed.getAttribute("name")).isEqualTo("wrongly expects deletes to pass");
        Element failure = (Element) failed.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("expected decision allow, got deny");
        assertThat(failure.getTextContent()).contains("DENIED_BY_POLICY").contains("13:7");
        assertThat(((Element) cases.item(0)).getElementsByTagName("failure").getLength()).isZero();
    }

    @Test
    void anyCaseNameYieldsWellFormedXml() throws Exception {
        write("shop-agent.yaml", POLICY);
        write("shop-agent.tests.yaml", """
                policy_tests:
                  cases:
                    - name: "<odd> & \\"quoted\\" \\U0001F600 ]]>"
                      request: {action: read:orders}
                      expect: {decision: deny}
                """);
        Path xml = dir.resolve("out.xml");
        CliRun run = CliRun.of("policy", "test", dir.toString(), "--junit", xml.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        Element testcase = (Element) doc.getElementsByTagName("testcase").item(0);
        assertThat(testcase.getAttribute("name")).isEqualTo("<odd> & \"quoted\" \uD83D\uDE00 ]]>");
    }

    @Test
    void anInvalidFileExitsTwoWithLineAndColumnOfEveryProblem() throws Exception {
        write("shop-agent.yaml", POLICY);
        Path tests = write("shop-agent.tests.yaml", """
                policy_tests:
                  cases:
                    - name: one
                      request: {action: read:orders, confidense: 0.9}
                      expect: {decision: maybe}
                    - name: two
                      given:
                        - request: {action: read:orders}
                          repeat: 0
                      request: {action: "read:./orders"}
                      expect: {reason_code: RATE_LIMITTED}
                """);
        CliRun run = CliRun.of("policy", "test", tests.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(tests + ":4:38: unknown key \"confidense\" in request")
                .contains(tests + ":5:26: decision must be allow, deny or pending, not \"maybe\"")
                .contains(tests + ":9:19: repeat must be from 1")
                .contains(tests + ":10:25: action ")
                .contains(tests + ":11:29: reason_code \"RATE_LIMITTED\" is not a reason code")
                .contains("not run");
    }

    @Test
    void anInvalidPolicyOrAMissingTestFileExitsTwo() throws Exception {
        write("shop-agent.yaml", POLICY.replace("actions_per_minute: 3", "actions_per_minute: -3"));
        write("shop-agent.tests.yaml", """
                policy_tests:
                  cases:
                    - name: one
                      request: {action: read:orders}
                      expect: {decision: allow}
                """);
        CliRun bad = CliRun.of("policy", "test", dir.resolve("shop-agent.tests.yaml").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains(dir.resolve("shop-agent.yaml") + ":9:25:").contains("its policy is invalid");

        CliRun missing = CliRun.of("policy", "test", dir.resolve("other.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("other.tests.yaml: no such test file");
    }
}
