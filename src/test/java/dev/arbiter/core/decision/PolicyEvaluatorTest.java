package dev.arbiter.core.decision;

import dev.arbiter.core.policy.RiskTier;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.policy.AgentPolicy;
import dev.arbiter.core.policy.DataClass;
import dev.arbiter.core.policy.PolicyYaml;
import dev.arbiter.core.policy.SamplePolicies;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {

    private final PolicyEvaluator evaluator = new PolicyEvaluator();
    private final AgentPolicy support = sample("customer-support-agent.yaml");
    private final AgentPolicy refunds = sample("refunds-agent.yaml");
    private final AgentPolicy cleanup = sample("data-cleanup-agent.yaml");

    /** The sample policies are sandboxed with network lists: a request names the first listed path. */
    private Evaluation evaluate(AgentPolicy policy, ActionRequest request) {
        if (request.target() == null && policy.sandbox() && !policy.networkAccess().isEmpty()) {
            request = request.withTarget(policy.networkAccess().get(0).text());
        }
        return evaluator.evaluate(policy, request);
    }

    @Test
    void creatingASupportTicketIsAutonomous() {
        Evaluation e = evaluate(support, ActionRequest.of("create:support_ticket").withReversible(true)
                .withDataClasses(Set.of(DataClass.PII)).withConfidence(0.94).withTarget("crm-api.internal:443"));

        assertThat(e.code()).isEqualTo(ReasonCode.ALLOWED);
        assertThat(e.tier()).isEqualTo(RiskTier.AUTONOMOUS);
        assertThat(e.decision()).isEqualTo("allow");
        assertThat(e.riskScore()).isLessThan(0.3);
        assertThat(e.rule()).isEqualTo("create:support_ticket is allowed by create:support_ticket; risk 0.21 is "
                + "below the supervised threshold 0.30 -> autonomous");
    }

    @Test
    void aTemplatedEmailOfUnknownReversibilityStaysAutonomous() {
        Evaluation e = evaluate(support, ActionRequest.of("send:email_template").withDataClasses(Set.of(DataClass.PII)));
        assertThat(e.tier()).isEqualTo(RiskTier.AUTONOMOUS);
    }

    @Test
    void deniedActionsAreDeniedByPolicy() {
        Evaluation e = evaluate(support, ActionRequest.of("write:payment_info"));
        assertThat(e.code()).isEqualTo(ReasonCode.DENIED_BY_POLICY);
        assertThat(e.decision()).isEqualTo("deny");
        assertThat(e.rule()).isEqualTo("write:payment_info is denied by denied_actions entry write:payment_info");
    }

    @Test
    void denyWinsOverAnAllowingWildcardWhateverTheCase() {
        AgentPolicy p = PolicyYaml.parse("""
                agent_policy:
                  name: p
                  allowed_actions: ["read:*"]
                  denied_actions: ["read:secrets"]
                """);
        assertThat(evaluate(p, ActionRequest.of("read:secrets")).code()).isEqualTo(ReasonCode.DENIED_BY_POLICY);
        assertThat(evaluate(p, ActionRequest.of("READ:Secrets")).code()).isEqualTo(ReasonCode.DENIED_BY_POLICY);
        assertThat(evaluate(p, ActionRequest.of("read:orders")).code()).isEqualTo(ReasonCode.ALLOWED);
    }

    @Test
    void anythingNotAllowedIsDenied() {
        Evaluation e = evaluate(support, ActionRequest.of("issue:refund").withAmount(5.0));
        assertThat(e.code()).isEqualTo(ReasonCode.NOT_ALLOWED);
        assertThat(e.allowed()).isFalse();
        assertThat(e.rule()).contains("not in allowed_actions");
        assertThat(evaluate(support, ActionRequest.of("no-colon-at-all")).code()).isEqualTo(ReasonCode.NOT_ALLOWED);
    }

    @Test
    void targetsOutsideNetworkAccessAreBlocked() {
        ActionRequest ticket = ActionRequest.of("create:support_ticket");
        assertThat(evaluate(support, ticket.withTarget("crm-api.internal:443")).allowed()).isTrue();
        Evaluation e = evaluate(support, ticket.withTarget("pastebin.com:443"));
        assertThat(e.code()).isEqualTo(ReasonCode.NETWORK_NOT_ALLOWED);
        assertThat(e.rule()).isEqualTo("target pastebin.com:443 is not in network_access, and other network paths "
                + "are blocked");
        assertThat(evaluate(support, ticket.withTarget("crm-api.internal:80")).code())
                .isEqualTo(ReasonCode.NETWORK_NOT_ALLOWED);
    }

    @Test
    void aSmallRefundIsSupervisedAndALargeOneGated() {
        ActionRequest refund = ActionRequest.of("issue:refund").withDataClasses(Set.of(DataClass.FINANCIAL))
                .withConfidence(0.92);

        Evaluation small = evaluate(refunds, refund.withAmount(80.0));
        assertThat(small.code()).isEqualTo(ReasonCode.SUPERVISED_ALLOWED);
        assertThat(small.tier()).isEqualTo(RiskTier.SUPERVISED);

        Evaluation large = evaluate(refunds, refund.withAmount(1450.0));
        assertThat(large.code()).isEqualTo(ReasonCode.PENDING_APPROVAL);
        assertThat(large.decision()).isEqualTo("pending");
        assertThat(large.tier()).isEqualTo(RiskTier.GATED);
        assertThat(large.rule()).contains("at or above the gated threshold 0.70 -> gated");

        assertThat(evaluate(refunds, refund.withAmount(999.99)).tier()).isEqualTo(RiskTier.SUPERVISED);
        assertThat(evaluate(refunds, refund.withAmount(1000.0)).tier()).isEqualTo(RiskTier.GATED);
    }

    @Test
    void anIrreversibleActionIsGated() {
        Evaluation e = evaluate(support, ActionRequest.of("create:support_ticket").withReversible(false));
        assertThat(e.tier()).isEqualTo(RiskTier.GATED);
        assertThat(e.riskScore()).isEqualTo(0.75);
    }

    @Test
    void theAgentCannotClaimAPolicyListedIrreversibleActionIsReversible() {
        AgentPolicy p = PolicyYaml.parse("""
                agent_policy:
                  name: p
                  allowed_actions: ["purge:cache"]
                  risk_context:
                    irreversible_actions: ["purge:*"]
                """);
        Evaluation e = evaluate(p, ActionRequest.of("purge:cache").withReversible(true));
        assertThat(e.risk().reversibility()).isEqualTo(1.0);
        assertThat(e.tier()).isEqualTo(RiskTier.GATED);
    }

    @Test
    void tierOverridesDecideTheTier() {
        Evaluation delete = evaluate(cleanup, ActionRequest.of("delete:temp_files").withConfidence(0.95));
        assertThat(delete.code()).isEqualTo(ReasonCode.PENDING_APPROVAL);
        assertThat(delete.rule()).isEqualTo("delete:temp_files is allowed by delete:temp_files; tier override "
                + "delete:* sets gated (risk 0.80)");

        Evaluation archive = evaluate(cleanup, ActionRequest.of("archive:exports").withReversible(true)
                .withConfidence(0.95));
        assertThat(archive.tier()).isEqualTo(RiskTier.SUPERVISED);

        Evaluation lookup = evaluate(refunds, ActionRequest.of("read:payment_status")
                .withDataClasses(Set.of(DataClass.PHI, DataClass.FINANCIAL)).withConfidence(0.99));
        assertThat(lookup.riskScore()).isGreaterThanOrEqualTo(0.3);
        assertThat(lookup.tier()).isEqualTo(RiskTier.AUTONOMOUS);
    }

    @Test
    void lowConfidenceWithHighRiskIsAlwaysGated() {
        ActionRequest refund = ActionRequest.of("issue:refund").withAmount(40.0)
                .withDataClasses(Set.of(DataClass.FINANCIAL));
        assertThat(evaluate(refunds, refund.withConfidence(0.95)).tier()).isEqualTo(RiskTier.SUPERVISED);

        Evaluation unsure = evaluate(refunds, refund.withConfidence(0.55));
        assertThat(unsure.tier()).isEqualTo(RiskTier.GATED);
        assertThat(unsure.code()).isEqualTo(ReasonCode.PENDING_APPROVAL);
        assertThat(unsure.rule()).endsWith("; confidence 0.55 is below the threshold 0.80 and risk is not low "
                + "-> gated (low confidence + high risk always escalates)");
    }

    @Test
    void lowConfidenceWithLowRiskGoesOneTierUp() {
        Evaluation e = evaluate(support, ActionRequest.of("create:support_ticket").withReversible(true)
                .withConfidence(0.4));
        assertThat(e.tier()).isEqualTo(RiskTier.SUPERVISED);
        assertThat(e.rule()).endsWith("confidence 0.40 is below the threshold 0.70 -> one tier up: supervised");
        assertThat(evaluate(support, ActionRequest.of("create:support_ticket").withReversible(true)
                .withConfidence(0.7)).tier()).isEqualTo(RiskTier.AUTONOMOUS);
    }

    @Test
    void healthDataMakesEvenAReversibleReadSupervised() {
        AgentPolicy p = PolicyYaml.parse("agent_policy:\n  name: p\n  allowed_actions: [\"read:*\"]\n");
        Evaluation e = evaluate(p, ActionRequest.of("read:patient_record").withDataClasses(Set.of(DataClass.PHI)));
        assertThat(e.riskScore()).isEqualTo(0.4);
        assertThat(e.tier()).isEqualTo(RiskTier.SUPERVISED);
    }

    @Test
    void aPolicyCanReweighTheFactorsAndMoveTheThresholds() {
        AgentPolicy p = PolicyYaml.parse("""
                agent_policy:
                  name: p
                  allowed_actions: ["transfer:funds"]
                  risk_weights:
                    reversibility: 0.5
                  risk_thresholds:
                    supervised: 0.2
                    gated: 0.9
                  risk_context:
                    amount_thresholds_usd:
                      supervised: 50
                      gated: 10000
                """);
        ActionRequest transfer = ActionRequest.of("transfer:funds");
        assertThat(evaluate(p, transfer.withReversible(false)).riskScore()).isEqualTo(0.5);
        assertThat(evaluate(p, transfer.withReversible(false)).tier()).isEqualTo(RiskTier.SUPERVISED);
        assertThat(evaluate(p, transfer.withReversible(true).withAmount(20.0)).risk().financial()).isEqualTo(0.2);
        assertThat(evaluate(p, transfer.withReversible(true).withAmount(20.0)).tier()).isEqualTo(RiskTier.AUTONOMOUS);
        assertThat(evaluate(p, transfer.withReversible(true).withAmount(5000.0)).tier())
                .isEqualTo(RiskTier.SUPERVISED);
        assertThat(evaluate(p, transfer.withReversible(false).withAmount(20000.0)).tier()).isEqualTo(RiskTier.GATED);
    }

    @Test
    void theScoreStaysWithinZeroAndOne() {
        Evaluation worst = evaluate(support, ActionRequest.of("create:support_ticket").withReversible(false)
                .withAmount(1e12).withDataClasses(Set.of(DataClass.values())));
        assertThat(worst.riskScore()).isBetween(0.0, 1.0);
        assertThat(worst.risk().explain()).startsWith("reversibility 1.00 x 0.75, financial 1.00 x 0.80");
        Evaluation none = evaluate(support, ActionRequest.of("read:order_history"));
        assertThat(none.riskScore()).isEqualTo(0.0);
    }

    @Test
    void deniedActionsStillCarryTheirRisk() {
        Evaluation e = evaluate(support, ActionRequest.of("delete:customer_data").withReversible(false)
                .withDataClasses(Set.of(DataClass.PII)));
        assertThat(e.code()).isEqualTo(ReasonCode.DENIED_BY_POLICY);
        assertThat(e.tier()).isEqualTo(RiskTier.GATED);
        assertThat(e.riskScore()).isGreaterThan(0.7);
    }

    static AgentPolicy sample(String file) {
        return SamplePolicies.parse(file);
    }
}
