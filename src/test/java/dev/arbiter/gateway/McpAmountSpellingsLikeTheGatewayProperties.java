package dev.arbiter.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.mcp.ToolCallReading;
import dev.arbiter.core.mcp.ToolCallRequests;
import dev.arbiter.core.mcp.ToolHints;
import dev.arbiter.core.policy.McpTools;
import dev.arbiter.core.policy.PolicyYaml;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Attack: an amount spelled so that the MCP proxy reads a figure where the HTTP gateway refuses the spelling
 * ({@code "0x1p10"}, {@code "12d"}, {@code "1_000"}, {@code "+5"}, {@code ".5"}, full-width digits). Whatever the
 * gateway accepts as {@code context.amount_usd} (a JSON number, finite, at most 10^12), the MCP path must accept,
 * whether the tool's argument carries it as a JSON number or as a string holding that number, and read the same
 * figure; whatever spelling the gateway refuses, the MCP path must refuse. The one deliberate difference: the MCP
 * path scores the magnitude of a negative amount (money moved either way is at risk), where the gateway refuses it.
 */
class McpAmountSpellingsLikeTheGatewayProperties {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final McpTools MCP = PolicyYaml.parse("""
            agent_policy:
              name: "p"
              allowed_actions: [issue:refund]
              mcp_tools:
                refund_order: {action: "issue:refund", context: {amount_usd: "$.amount"}}
            """).mcpTools();

    @Provide
    Arbitrary<String> spellings() {
        Arbitrary<String> digits = Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(14);
        Arbitrary<String> sign = Arbitraries.of("", "-", "+");
        Arbitrary<String> fraction = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.just("."),
                digits.map(d -> "." + d));
        Arbitrary<String> exponent = Arbitraries.oneOf(Arbitraries.just(""),
                Combinators.combine(Arbitraries.of("e", "E"), Arbitraries.of("", "+", "-"),
                        Arbitraries.integers().between(0, 400)).as((e, s, n) -> e + s + n));
        Arbitrary<String> suffix = Arbitraries.of("", "", "", "", "d", "D", "f", "F", "L", " ", "\t", "\u00a0", "_");
        Arbitrary<String> composed = Combinators.combine(sign, digits, fraction, exponent, suffix)
                .as((s, d, f, e, x) -> s + d + f + e + x);
        Arbitrary<String> odd = Arbitraries.of("0x1p10", "0X10P0", "12d", "1_000", "+5", ".5", "5.", "Infinity",
                "-Infinity", "NaN", "1e400", "00", "007", "0.0", "-0", "1e12", "1000000000000", "1000000000000.1",
                "１２", "\u0661\u0662", " 12", "12 ", "1e", "e5", "", "0x10", "1.5e+3", "2500", "4.9e-324");
        return Arbitraries.oneOf(composed, odd);
    }

    @Property(tries = 600)
    void theMcpPathAcceptsExactlyTheAmountsTheGatewayAccepts(@ForAll("spellings") String spelling) {
        Optional<Double> gateway = gatewayReads(spelling);
        Optional<Double> gatewayMagnitude = spelling.startsWith("-") ? gatewayReads(spelling.substring(1)) : gateway;

        ObjectNode asString = JsonNodeFactory.instance.objectNode().put("amount", spelling);
        assertThat(mcpReads(asString)).as("MCP string %s, gateway reads %s", asString, gatewayMagnitude)
                .isEqualTo(gatewayMagnitude);

        JsonNode asNumber = mcpArgumentsWithRawNumber(spelling);
        if (asNumber != null) {
            assertThat(mcpReads(asNumber)).as("MCP number %s, gateway reads %s", spelling, gatewayMagnitude)
                    .isEqualTo(gatewayMagnitude);
        } else {
            assertThat(gateway).as("a spelling MCP's JSON refuses but the gateway read: %s", spelling).isEmpty();
        }
    }

    private static Optional<Double> gatewayReads(String spelling) {
        String body = "{\"agent_id\":\"a\",\"action\":\"issue:refund\",\"context\":{\"amount_usd\":" + spelling + "}}";
        try {
            DecisionRequest r = ActionJson.decisionRequest(ActionJson.object(body.getBytes(StandardCharsets.UTF_8)));
            return Optional.of(r.amountUsd());
        } catch (ApiError refused) {
            return Optional.empty();
        }
    }

    private static JsonNode mcpArgumentsWithRawNumber(String spelling) {
        try {
            // the proxy's own reader of client messages (JsonRpc.JSON): strict, no trailing tokens
            return JSON.copy().enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree("{\"amount\":" + spelling + "}");
        } catch (Exception e) {
            return null;
        }
    }

    private static Optional<Double> mcpReads(JsonNode args) {
        ToolCallReading reading = ToolCallRequests.read("a", "s", "refund_order", args, ToolHints.NONE, MCP);
        return reading instanceof ToolCallReading.Decidable d ? Optional.of(d.request().amountUsd()) : Optional.empty();
    }
}
