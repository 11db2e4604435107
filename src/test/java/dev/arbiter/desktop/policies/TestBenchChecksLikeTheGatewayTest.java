package dev.arbiter.desktop.policies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.decision.ReasonCode;
import dev.arbiter.core.policy.AgentPolicy;
import dev.arbiter.core.policy.PolicyYaml;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 12 §1: the desktop test bench refuses what the gateway refuses, with the
 * gateway's words, instead of trimming the input and answering allow.
 */
class TestBenchChecksLikeTheGatewayTest {

    static final AgentPolicy POLICY = PolicyYaml.parse("""
            agent_policy:
              name: p
              allowed_actions:
                - read:*
              denied_actions:
                - read:secrets
            """);

    private final TestBenchViewModel bench = new TestBenchViewModel(new SimpleObjectProperty<>(POLICY));

    @ParameterizedTest
    @ValueSource(strings = {"read:x:", "read:x ", " read:x", "read:secrets/", "read:./secrets", "r\u0435ad:x",
            "read:%78"})
    void aRefusedActionShowsTheGatewaysMessageAndNoVerdict(String action) {
        bench.actionProperty().set(action);
        bench.evaluate();
        assertThat(bench.resultProperty().get()).isNull();
        assertThat(bench.errorProperty().get()).startsWith("Action: action \"").endsWith("(the gateway would answer 400)");
    }

    @Test
    void nanConfidenceAndANegativeAmountAreRefused() {
        bench.actionProperty().set("read:x");
        bench.confidenceProperty().set("NaN");
        bench.evaluate();
        assertThat(bench.errorProperty().get()).startsWith("Confidence: confidence must be between 0 and 1");
        bench.confidenceProperty().set("");
        bench.amountProperty().set("-5000");
        bench.evaluate();
        assertThat(bench.resultProperty().get()).isNull();
        assertThat(bench.errorProperty().get()).startsWith("Amount: context.amount_usd cannot be negative");
    }

    @Test
    void aFoldedDeniedActionIsDenied() {
        bench.actionProperty().set("READ:Secrets/Key");
        bench.evaluate();
        assertThat(bench.errorProperty().get()).isEmpty();
        assertThat(bench.resultProperty().get().code()).isEqualTo(ReasonCode.DENIED_BY_POLICY);
    }
}
