package dev.arbiter.core.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.Agent;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.compliance.Coverage;
import dev.arbiter.core.decision.ActionRequest;
import dev.arbiter.core.decision.PolicyEvaluator;
import dev.arbiter.core.decision.ReasonCode;
import dev.arbiter.core.policy.PolicySummary;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyDemoSeedTest {

    @TempDir
    Path dir;
    Workspace ws;

    @BeforeEach
    void seed() {
        ws = TestWorkspaces.open(dir);
        DemoWorkspace.seed(ws);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    @Test
    void theDemoHasThePoliciesAndTheAgentsTheAuditLogNames() {
        assertThat(ws.policies().list()).extracting(PolicySummary::name, PolicySummary::activeVersion,
                PolicySummary::latestVersion).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("customer-support-agent", 1, 1),
                        org.assertj.core.groups.Tuple.tuple("data-cleanup-agent", 1, 1),
                        org.assertj.core.groups.Tuple.tuple("refunds-agent", 2, 2));
        assertThat(ws.agents().list(null, false)).extracting(Agent::id)
                .containsExactlyInAnyOrder("support-agent-v2", "refunds-agent", "data-cleanup-agent");
        assertThat(ws.auditReader().distinct("agent_id"))
                .contains("support-agent-v2", "refunds-agent", "data-cleanup-agent");
        assertThat(ws.verifier().verify()).matches(dev.arbiter.core.audit.VerificationResult::intact, "intact");
    }

    @Test
    void theDemoPoliciesDecideAsTheAuditDemoSays() {
        var refunds = ws.policies().inForce("refunds-agent", null).orElseThrow().policy();
        PolicyEvaluator evaluator = new PolicyEvaluator();
        assertThat(evaluator.evaluate(refunds, ActionRequest.of("issue:refund").withAmount(80.0)
                .withConfidence(0.9).withTarget("payments-api.internal:443")).code()).isEqualTo(ReasonCode.SUPERVISED_ALLOWED);
        assertThat(evaluator.evaluate(refunds, ActionRequest.of("issue:refund").withAmount(1450.0)
                .withConfidence(0.9).withTarget("payments-api.internal:443")).code())
                .isEqualTo(ReasonCode.PENDING_APPROVAL);
        var support = ws.policies().inForce("customer-support-agent", null).orElseThrow().policy();
        assertThat(evaluator.evaluate(support, ActionRequest.of("write:payment_info")).code())
                .isEqualTo(ReasonCode.DENIED_BY_POLICY);
        var cleanup = ws.policies().inForce("data-cleanup-agent", 1).orElseThrow().policy();
        assertThat(evaluator.evaluate(cleanup, ActionRequest.of("delete:stale_sessions").withConfidence(0.95)
                .withTarget("session-store.internal:6379"))
                .code()).isEqualTo(ReasonCode.PENDING_APPROVAL);
    }

    @Test
    void theDemoMatrixShowsGapsAndMetControls() {
        var matrix = ws.compliance().matrix();
        assertThat(matrix.totalGaps()).isPositive();
        assertThat(matrix.rows().get(matrix.rows().size() - 1).agent().id()).isEqualTo("data-cleanup-agent");
        assertThat(matrix.rows()).anySatisfy(r -> assertThat(r.cell("GDPR").coverage()).isEqualTo(Coverage.MET));
        assertThat(matrix.rows()).anySatisfy(r -> assertThat(r.cell("GDPR").coverage()).isEqualTo(Coverage.GAP));
        assertThat(ws.policies().diff("refunds-agent", 1, 2).changes()).isEqualTo(2);
    }

    @Test
    void theDemoPinsTheCleanupAgentAndOtherwiseHasTheAgentsEnsureAdds(@TempDir Path other) {
        assertThat(ws.agents().find(DemoAgents.CLEANUP).orElseThrow().profile().policyVersion()).isEqualTo(1);
        assertThat(ws.agents().find(DemoAgents.SUPPORT).orElseThrow().profile().policyVersion()).isNull();
        assertThat(ws.agents().find(DemoAgents.REFUNDS).orElseThrow().profile().policyVersion()).isNull();
        try (Workspace plain = TestWorkspaces.open(other)) {
            DemoAgents.ensure(plain);
            for (String id : DemoAgents.IDS) {
                AgentProfile demo = ws.agents().find(id).orElseThrow().profile();
                AgentProfile ensured = plain.agents().find(id).orElseThrow().profile();
                assertThat(ensured).isEqualTo(demo.withPolicy(demo.policyName(), null));
            }
        }
    }
}
