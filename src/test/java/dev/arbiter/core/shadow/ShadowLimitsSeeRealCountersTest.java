package dev.arbiter.core.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.decision.Decision;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.decision.ReasonCode;
import dev.arbiter.core.decision.TestClock;
import dev.arbiter.core.policyqa.ChangeKind;
import dev.arbiter.core.policyqa.ChangedDecision;
import dev.arbiter.core.policyqa.ShadowReport;
import dev.arbiter.core.policyqa.ShadowReports;
import dev.arbiter.testing.StoreKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 19: a version in shadow that sets a limit the version in force does not set is judged
 * against the agent's real actions, escalations, spend and autonomy, as it would be once active.
 * (The rate windows used to be recorded only while the version in force set a limit, so such a
 * shadow counted an empty window and never said it would have refused.) Both stores.
 */
class ShadowLimitsSeeRealCountersTest {

    private static final String AGENT = "limits-agent";
    /** In force: no rate limit, no budget, no time-boxed autonomy; approvals wait for a person. */
    private static final String IN_FORCE = """
            agent_policy:
              name: "limits-agent"
              allowed_actions:
                - read:*
                - approve:*
              tier_overrides:
                "read:*": autonomous
                "approve:*": gated
            """;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aShadowRateLimitCountsTheRealActionsWhenTheVersionInForceSetsNone(StoreKind kind) {
        List<ChangedDecision> changes = run(kind, "  rate_limits:\n    actions_per_minute: 3\n", ws -> {
            List<Decision> real = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                real.add(decide(ws, "read:customer", 10));
            }
            return real;
        });
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ChangeKind.ALLOW_TO_DENY);
            assertThat(c.replayed().reasonCode()).isEqualTo(ReasonCode.RATE_LIMITED);
        });
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aShadowEscalationLimitCountsTheRealEscalationsWhenTheVersionInForceSetsNone(StoreKind kind) {
        List<ChangedDecision> changes = run(kind, "  rate_limits:\n    escalations_per_hour: 1\n",
                ws -> List.of(decide(ws, "approve:refund", 10), decide(ws, "approve:refund", 10)));
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ChangeKind.ALLOW_TO_DENY);
            assertThat(c.replayed().reasonCode()).isEqualTo(ReasonCode.ESCALATION_LIMIT);
        });
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aShadowBudgetCountsTheRealSpendWhenTheVersionInForceSetsNone(StoreKind kind) {
        List<ChangedDecision> changes = run(kind, "  budget:\n    daily_tokens: 1000\n",
                ws -> List.of(decide(ws, "read:customer", 600), decide(ws, "read:customer", 600)));
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ChangeKind.ALLOW_TO_DENY);
            assertThat(c.replayed().reasonCode()).isEqualTo(ReasonCode.BUDGET_EXCEEDED);
        });
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aShadowAutonomyLimitCountsTheRealActionsWhenTheVersionInForceSetsNone(StoreKind kind) {
        List<ChangedDecision> changes = run(kind, "  max_autonomous_actions: 2\n", ws -> {
            List<Decision> real = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                real.add(decide(ws, "read:customer", 10));
            }
            return real;
        });
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ChangeKind.ALLOW_TO_DENY);
            assertThat(c.replayed().reasonCode()).isEqualTo(ReasonCode.AUTONOMY_LIMIT);
        });
    }

    /** What the real decisions were asked of a workspace. */
    private interface Requests {
        List<Decision> send(Workspace ws);
    }

    /**
     * The policy in force, the same with {@code limit} in shadow, then {@code requests} (all allowed or
     * pending for real, within one second); the shadow report's changes.
     */
    private List<ChangedDecision> run(StoreKind kind, String limit, Requests requests) {
        TestClock clock = new TestClock(Instant.parse("2026-06-01T10:00:00Z"));
        try (Workspace ws = kind.fresh(dir).open(1, clock)) {
            ws.policies().save(IN_FORCE, "tester", null, true);
            ws.agents().add(new AgentProfile(AGENT, "Limits agent", "tester", "", "", "", "", Set.of(), null,
                    AGENT, null), "tester");
            int shadow = ws.policies().save(IN_FORCE + limit, "tester", "with a limit", false).version().version();
            ws.shadows().start(AGENT, AGENT, shadow, "tester");
            List<Decision> real = requests.send(ws);
            assertThat(real).allMatch(d -> d.reasonCode() == ReasonCode.ALLOWED
                    || d.reasonCode() == ReasonCode.PENDING_APPROVAL);
            ShadowReport report = new ShadowReports(ws.auditReader()).run(AGENT, null, null);
            assertThat(report.decisions()).isEqualTo(real.size());
            assertThat(report.failures()).isZero();
            return report.changes();
        }
    }

    private static Decision decide(Workspace ws, String action, long tokens) {
        ((TestClock) ws.clock()).advance(Duration.ofMillis(100));
        return ws.decisions().decide(DecisionRequest.of(AGENT, action).withTokens(tokens, null)
                .withConfidence(0.99)).join();
    }
}
