package dev.arbiter.core.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.policy.AgentPolicy;
import dev.arbiter.core.policy.PolicyYaml;
import org.junit.jupiter.api.Test;

/** Issue 13 §4: "no target: no check" is not a way around a sandboxed policy's network_access list. */
class SandboxTargetTest {

    private final PolicyEvaluator evaluator = new PolicyEvaluator();

    private static AgentPolicy policy(String extra) {
        return PolicyYaml.parse("agent_policy:\n  name: p\n  allowed_actions:\n    - read:*\n" + extra);
    }

    @Test
    void aSandboxedPolicyWithANetworkListDeniesARequestWithoutTarget() {
        AgentPolicy p = policy("  sandbox: true\n  network_access:\n    - crm-api.internal:443\n");
        Evaluation none = evaluator.evaluate(p, ActionRequest.of("read:orders"));
        assertThat(none.code()).isEqualTo(ReasonCode.NETWORK_NOT_ALLOWED);
        assertThat(none.rule()).contains("must name the host:port");
        assertThat(evaluator.evaluate(p, ActionRequest.of("read:orders").withTarget("CRM-API.INTERNAL:0443")).code())
                .isEqualTo(ReasonCode.ALLOWED);
        assertThat(evaluator.evaluate(p, ActionRequest.of("read:orders").withTarget("crm-api.internal")).code())
                .isEqualTo(ReasonCode.NETWORK_NOT_ALLOWED);
    }

    @Test
    void withoutASandboxOrWithoutAListAnActionWithoutTargetIsLocal() {
        assertThat(evaluator.evaluate(policy("  network_access:\n    - crm-api.internal:443\n"),
                ActionRequest.of("read:orders")).code()).isEqualTo(ReasonCode.ALLOWED);
        AgentPolicy noNetwork = policy("  sandbox: true\n");
        assertThat(evaluator.evaluate(noNetwork, ActionRequest.of("read:orders")).code()).isEqualTo(ReasonCode.ALLOWED);
        assertThat(evaluator.evaluate(noNetwork, ActionRequest.of("read:orders").withTarget("crm-api.internal:443"))
                .code()).isEqualTo(ReasonCode.NETWORK_NOT_ALLOWED);
    }
}
