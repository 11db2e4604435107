package dev.arbiter.core.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.policy.DataClass;
import dev.arbiter.core.policy.McpTools;
import dev.arbiter.core.policy.PolicyYaml;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** From a tools/call to the request the decision engine decides. */
class ToolCallRequestsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final McpTools MCP = PolicyYaml.parse("""
            agent_policy:
              name: "p"
              allowed_actions: [issue:refund]
              mcp_tools:
                refund_order: {action: "issue:refund", context: {amount_usd: "$.amount", data_classes: "$.kind", reversible: "$.undo"}, data_classes: [Financial], sensitive: ["$.card.number"]}
              mcp_sensitive_fields: [cvv]
            """).mcpTools();

    static DecisionRequest decidable(String tool, String args, ToolHints hints) throws Exception {
        ToolCallReading reading = ToolCallRequests.read("a", "s", tool, JSON.readTree(args), hints, MCP);
        assertThat(reading).isInstanceOf(ToolCallReading.Decidable.class);
        return ((ToolCallReading.Decidable) reading).request();
    }

    @Test
    void argumentsFeedTheRiskContext() throws Exception {
        DecisionRequest r = decidable("refund_order", "{\"amount\": \"1250.50\", \"kind\": [\"PII\"], \"undo\": true}",
                ToolHints.NONE);
        assertThat(r.action()).isEqualTo("issue:refund");
        assertThat(r.amountUsd()).isEqualTo(1250.50);
        assertThat(r.dataClasses()).containsExactlyInAnyOrder(DataClass.FINANCIAL, DataClass.PII);
        assertThat(r.reversible()).isTrue();
        assertThat(r.toolsUsed()).containsExactly("refund_order");
        assertThat(r.contextJson()).contains("\"mcp_tool\":\"refund_order\"").contains("\"amount_usd\":\"1250.50\"");
    }

    @Test
    void aNegativeAmountCountsAsMuchAsAPositiveOne() throws Exception {
        assertThat(decidable("refund_order", "{\"amount\": -5000}", ToolHints.NONE).amountUsd()).isEqualTo(5000.0);
    }

    @Test
    void anAmountThatIsNotANumberCannotBeDecided() throws Exception {
        ToolCallReading reading = ToolCallRequests.read("a", null, "refund_order",
                JSON.readTree("{\"amount\": {\"value\": 5}}"), ToolHints.NONE, MCP);
        assertThat(reading).isInstanceOfSatisfying(ToolCallReading.Undecidable.class, u -> assertThat(u.problem())
                .contains("amount must be a number").contains("$.amount").contains("mcp_tools.refund_order"));
    }

    @Test
    void hintsMayRaiseRiskButNeverLowerIt() throws Exception {
        DecisionRequest destructive = decidable("refund_order", "{\"undo\": true}", new ToolHints(true, false));
        assertThat(destructive.reversible()).isFalse();
        DecisionRequest readOnly = decidable("refund_order", "{\"undo\": false}", new ToolHints(false, true));
        assertThat(readOnly.reversible()).isFalse();
        assertThat(decidable("other", "{}", new ToolHints(false, true)).reversible()).isNull();
    }

    @Provide
    Arbitrary<String> secrets() {
        return Arbitraries.strings().alpha().numeric().ofMinLength(12).ofMaxLength(40).map(s -> "S3CR3T" + s);
    }

    @Provide
    Arbitrary<String> sensitiveNames() {
        return Arbitraries.of("password", "Password", "API_KEY", "token", "cvv", "CVV", "client_secret",
                "Authorization");
    }

    @Property(tries = 300)
    void noSensitiveValueReachesTheSummaryWhereverItIsNested(@ForAll("secrets") String secret,
                                                            @ForAll("sensitiveNames") String name,
                                                            @ForAll("depths") int depth,
                                                            @ForAll boolean inList) throws Exception {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode at = root;
        for (int i = 0; i < depth; i++) {
            at = inList ? at.putArray("level" + i).addObject() : at.putObject("level" + i);
        }
        at.put(name, secret);
        at.put("card", "x");
        root.putObject("card").put("number", secret);
        String summary = ArgumentSummary.of("refund_order", root, MCP);
        assertThat(summary).doesNotContain(secret).doesNotContain("S3CR3T");
        assertThat(summary.length()).isLessThanOrEqualTo(ArgumentSummary.MAX_CHARS);
    }

    @Provide
    Arbitrary<Integer> depths() {
        return Arbitraries.integers().between(0, 12);
    }

    @Property(tries = 100)
    void theSummaryIsBoundedWhateverTheArgumentsHold(@ForAll("bigStrings") String big, @ForAll("depths") int items) {
        ObjectNode root = JSON.createObjectNode();
        for (int i = 0; i < items * 20; i++) {
            root.put("field" + i, big);
        }
        JsonNode args = root;
        assertThat(ArgumentSummary.of("t", args, McpTools.DEFAULT).length())
                .isLessThanOrEqualTo(ArgumentSummary.MAX_CHARS);
    }

    @Provide
    Arbitrary<String> bigStrings() {
        return Arbitraries.strings().ofMinLength(0).ofMaxLength(5000);
    }

    /**
     * Issue 15: an amount read from the arguments passes the gateway's own limits ({@code RequestValidator}),
     * whatever its spelling: a JSON number too large for a double (read as infinity), a huge integer, one past
     * 10^12 dollars, or the same as text, is refused naming the argument; a real amount is decided.
     */
    @Property(tries = 300)
    void anAmountPastTheGatewaysLimitIsRefusedLikeOnHttpInAnySpelling(@ForAll("amounts") String spelling)
            throws Exception {
        String number = spelling.startsWith("\"") ? spelling.substring(1, spelling.length() - 1) : spelling;
        double value = new java.math.BigDecimal(number).abs().doubleValue();
        ToolCallReading reading = ToolCallRequests.read("a", "s", "refund_order",
                JSON.readTree("{\"amount\": " + spelling + "}"), ToolHints.NONE, MCP);
        if (value <= dev.arbiter.core.decision.RequestValidator.MAX_USD) {
            assertThat(reading).isInstanceOfSatisfying(ToolCallReading.Decidable.class,
                    d -> assertThat(d.request().amountUsd()).isEqualTo(value));
        } else {
            assertThat(reading).isInstanceOfSatisfying(ToolCallReading.Undecidable.class, u -> assertThat(u.problem())
                    .containsAnyOf("at most", "finite").contains("$.amount"));
        }
    }

    @Provide
    Arbitrary<String> amounts() {
        Arbitrary<String> plain = Arbitraries.bigDecimals().between(new java.math.BigDecimal("-1e13"),
                new java.math.BigDecimal("1e13")).ofScale(2).map(java.math.BigDecimal::toPlainString);
        Arbitrary<String> exponent = Arbitraries.integers().between(0, 9).flatMap(d -> Arbitraries.integers()
                .between(-5, 500).map(e -> d + "e" + e));
        Arbitrary<String> huge = Arbitraries.integers().between(10, 420).map(n -> "9".repeat(n));
        Arbitrary<String> number = Arbitraries.oneOf(plain, exponent, huge);
        return Arbitraries.oneOf(number, number.map(n -> "\"" + n + "\""));
    }
}
