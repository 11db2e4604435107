package dev.arbiter.core.policyqa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.store.DataDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 "Activation of a new version shows the latest replay or shadow report first": the
 * preview of a version that would allow what was denied warns from both the replay and the
 * shadow report, and the activation's audit entry records the report the person was shown.
 */
class ActivationPreviewTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLICY = "customer-support-agent";

    @Test
    void aLaxerVersionWarnsFromReplayAndShadowAndTheActivationRecordsTheReport(@TempDir Path dir) throws Exception {
        try (Workspace ws = Workspace.open(new DataDirectory(dir))) {
            DemoAgents.ensure(ws);
            String yaml = ws.policies().active(POLICY).orElseThrow().yaml()
                    .replace("    - create:support_ticket", "    - create:support_ticket\n    - issue:refund");
            int v2 = ws.policies().save(yaml, "tester", "laxer", false).version().version();
            String agent = DemoAgents.SUPPORT;
            // before the shadow: recorded only, found by the replay
            ws.decisions().decide(DecisionRequest.of(agent, "issue:refund")
                    .withTarget(DemoAgents.TARGETS.get(agent))).join();
            ws.shadows().start(agent, POLICY, v2, "tester");
            ws.decisions().decide(DecisionRequest.of(agent, "issue:refund")
                    .withTarget(DemoAgents.TARGETS.get(agent))).join();
            ws.decisions().decide(DecisionRequest.of(agent, "read:order_history")
                    .withTarget(DemoAgents.TARGETS.get(agent))).join();

            ActivationPreview preview = ActivationPreview.of(new Replay(ws.auditReader(), ws.policies(), ws.agents()),
                    new ShadowReports(ws.auditReader()), POLICY, v2, ws.clock().instant());

            assertThat(preview.replay().decisions()).isEqualTo(3);
            assertThat(preview.replay().countsByKind().get(ChangeKind.DENY_TO_ALLOW)).isEqualTo(2);
            assertThat(preview.shadow()).isNotNull();
            assertThat(preview.shadow().decisions()).isEqualTo(2);
            assertThat(preview.shadow().wouldAllowDenied()).hasSize(1);
            assertThat(preview.allowsSomethingDenied()).isTrue();
            assertThat(preview.warnings()).isEqualTo(3);
            assertThat(preview.lines(10, UnaryOperator.identity()))
                    .anySatisfy(l -> assertThat(l).startsWith("WARNING: would allow what was denied:")
                            .contains("issue:refund"))
                    .anySatisfy(l -> assertThat(l).startsWith("While v" + v2 + " was in shadow: 2 decisions"));

            ws.policies().activate(POLICY, v2, "tester", preview.reference());
            List<JsonNode> activations = new ArrayList<>();
            ws.auditReader().forEach(new AuditQuery(null, null, null, "policy.activated", null), e -> {
                try {
                    activations.add(JSON.readTree(e.entry().detail()));
                } catch (java.io.IOException ex) {
                    throw new AssertionError(ex);
                }
            });
            JsonNode report = activations.get(activations.size() - 1).path("report");
            assertThat(report.path("version").asInt()).isEqualTo(v2);
            assertThat(report.path("replayed").asLong()).isEqualTo(3);
            assertThat(report.path("would_allow_denied").asLong()).isEqualTo(3);
            assertThat(report.path("replay_changes").path("deny_to_allow").asLong()).isEqualTo(2);
            assertThat(report.path("shadow_decisions").asLong()).isEqualTo(2);
            assertThat(report.path("from").asText()).isNotBlank();
        }
    }

    @Test
    void aVersionNeverInShadowHasOnlyTheReplay(@TempDir Path dir) {
        try (Workspace ws = Workspace.open(new DataDirectory(dir))) {
            DemoAgents.ensure(ws);
            int v2 = ws.policies().save(ws.policies().active(POLICY).orElseThrow().yaml()
                    + "\n# the same rules, reworded\n", "tester", "same", false).version().version();
            ws.decisions().decide(DecisionRequest.of(DemoAgents.SUPPORT, "read:order_history")
                    .withTarget(DemoAgents.TARGETS.get(DemoAgents.SUPPORT))).join();
            ActivationPreview preview = ActivationPreview.of(new Replay(ws.auditReader(), ws.policies(), ws.agents()),
                    new ShadowReports(ws.auditReader()), POLICY, v2, ws.clock().instant());
            assertThat(preview.shadow()).isNull();
            assertThat(preview.allowsSomethingDenied()).isFalse();
            assertThat(preview.replay().changes()).isEmpty();
            assertThat(preview.reference()).doesNotContainKey("shadow_decisions").containsEntry("would_allow_denied", 0L);
        }
    }
}
