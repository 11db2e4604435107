package dev.arbiter.core.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.decision.RequestValidator;
import dev.arbiter.core.policy.DataClass;
import dev.arbiter.core.policy.McpTools;
import dev.arbiter.core.policy.PolicyYaml;
import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Attack on the MCP path's validation gap: the MCP proxy does not run the gateway's request reader, so whatever a
 * {@code tools/call}'s arguments put into the risk context must be held to the same limits as the gateway's
 * {@code context} and {@code target} ({@link RequestValidator}): numbers at the edges (10^400 reads as infinity,
 * 10^13, negative, exponent and string forms), data-class spellings that name no class (which the gateway refuses
 * and the proxy used to drop, scoring the call as carrying no personal data), over-long and unreadable targets
 * (which reached the ledger whole).
 */
class McpArgumentsCheckedLikeTheGatewayProperties {

    static final ObjectMapper JSON = new ObjectMapper();
    static final McpTools MCP = PolicyYaml.parse("""
            agent_policy:
              name: "p"
              allowed_actions: [issue:refund]
              mcp_tools:
                refund_order: {action: "issue:refund", context: {amount_usd: "$.amount", data_classes: "$.kind", target: "$.to"}}
            """).mcpTools();

    @Provide
    Arbitrary<Object> amounts() {
        return Arbitraries.oneOf(
                Arbitraries.of(new BigDecimal("1e400"), new BigDecimal("-1e400"), new BigDecimal("1e12"),
                        new BigDecimal("1000000000000.5"), new BigDecimal("1e13"), new BigDecimal("-2e12"),
                        new BigDecimal("0"), new BigDecimal("2500"), new BigDecimal("4.9e-324")),
                Arbitraries.doubles().between(-1e15, 1e15).map(d -> (Object) d),
                Arbitraries.of("1e400", "Infinity", "NaN", "-1e13", " 2500 ", "0x1p50", "1e12", "1000000000001",
                        "12d", "", "1_000"));
    }

    @Provide
    Arbitrary<String> classSpellings() {
        return Arbitraries.oneOf(
                Arbitraries.of(DataClass.values()).map(DataClass::toString),
                Arbitraries.of("PII", "pii", " Financial ", "PII\u200b", "\uff30\uff29\uff29", "P.I.I", "PHI ",
                        "P\u0399I", "personal", "", "Public\u0000"),
                Arbitraries.strings().ofMaxLength(8));
    }

    @Provide
    Arbitrary<String> targets() {
        return Arbitraries.oneOf(
                Arbitraries.of("payments-api.internal:443", "CRM-API.INTERNAL:0443", "evil.example:443 ",
                        "payments-api.internal", "a:99999", "x".repeat(301) + ":443", "x".repeat(5000),
                        "[::1]:443", "host:443/path"),
                Arbitraries.strings().ofMaxLength(40));
    }

    @Property(tries = 400)
    void whatTheProxyDecidesPassesTheGatewaysChecks(@ForAll("amounts") Object amount,
                                                    @ForAll("classSpellings") String dataClass,
                                                    @ForAll("targets") String target) {
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        if (amount instanceof BigDecimal b) {
            args.put("amount", b);
        } else if (amount instanceof Double d) {
            args.put("amount", d);
        } else {
            args.put("amount", (String) amount);
        }
        args.putArray("kind").add(dataClass);
        args.put("to", target);
        ToolCallReading reading = ToolCallRequests.read("a", "s", "refund_order", args, ToolHints.NONE, MCP);
        if (reading instanceof ToolCallReading.Decidable decidable) {
            DecisionRequest r = decidable.request();
            assertThat(RequestValidator.problemWith(r)).as("%s", args).isEmpty();
            assertThat(r.amountUsd()).as("%s", args).isNotNull().isFinite().isBetween(0.0, RequestValidator.MAX_USD);
            assertThat(DataClass.parse(dataClass)).as("a data class the gateway refuses (%s)", dataClass).isPresent();
            assertThat(r.target()).as("%s", args).hasSizeLessThanOrEqualTo(300);
        } else {
            // refused: it must be something the gateway refuses too, named so the model can correct it
            assertThat(((ToolCallReading.Undecidable) reading).problem()).as("%s", args)
                    .containsAnyOf("amount", "data_classes", "target");
        }
    }
}
