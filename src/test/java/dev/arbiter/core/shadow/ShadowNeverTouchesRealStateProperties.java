package dev.arbiter.core.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.decision.Decision;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.decision.Outcome;
import dev.arbiter.core.decision.TestClock;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.queue.QueueItem;
import dev.arbiter.core.store.DataDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Issue 19 attack: a shadow version that would allow what the version in force refuses must never
 * touch real state. Two workspaces get the same generated stream (decisions that hit rate limits,
 * escalation limits, budgets and time-boxed autonomy, outcomes, approvals, denials, resumes, a
 * clock that moves); one has every agent shadowed by a version that allows every action the real
 * one denies and lifts every limit. The real answers, the shared counters ({@code rate_bucket},
 * {@code agent_spend}, {@code agent_autonomy}), the escalation queue and the budget alerts must be
 * identical, and the shadow must be recorded (and must have would-allowed something denied).
 */
class ShadowNeverTouchesRealStateProperties {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> POLICIES = List.of("customer-support-agent", "refunds-agent",
            "data-cleanup-agent");
    private static final List<List<String>> ACTIONS = List.of(
            List.of("read:order_history", "write:payment_info", "send:email_template", "issue:refund"),
            List.of("issue:refund", "issue:chargeback", "read:payment_status", "delete:order/1"),
            List.of("delete:temp_files", "delete:backups", "list:temp_files", "write:x"));

    record Op(int kind, int agent, int action, long tokens, Double cost, Double amount, long advanceMs) {
    }

    @Provide
    Arbitrary<List<Op>> streams() {
        return Combinators.combine(Arbitraries.integers().between(0, 99), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 3), Arbitraries.of(0L, 500L, 90_000L, 400_000L),
                Arbitraries.of(0.0, 0.5, 6.0).injectNull(0.3), Arbitraries.of(10.0, 1_500.0).injectNull(0.3),
                Arbitraries.of(0L, 100L, 2_000L, 61_000L)).as(Op::new).list().ofMinSize(20).ofMaxSize(90);
    }

    @Property(tries = 12)
    void aShadowThatWouldAllowChangesNothingReal(@ForAll("streams") List<Op> ops) throws IOException {
        Path plainDir = Files.createTempDirectory("arbiter-plain");
        Path shadowedDir = Files.createTempDirectory("arbiter-shadowed");
        Instant start = Instant.parse("2026-05-04T23:58:00Z");
        TestClock plainClock = new TestClock(start);
        TestClock shadowedClock = new TestClock(start);
        try (Workspace plain = Workspace.open(new DataDirectory(plainDir), plainClock);
             Workspace shadowed = Workspace.open(new DataDirectory(shadowedDir), shadowedClock)) {
            DemoAgents.ensure(plain);
            DemoAgents.ensure(shadowed);
            for (int a = 0; a < 3; a++) {
                int v = shadowed.policies().save(anythingGoes(shadowed.policies().active(POLICIES.get(a))
                        .orElseThrow().yaml()), "tester", "lax shadow", false).version().version();
                shadowed.shadows().start(DemoAgents.IDS.get(a), POLICIES.get(a), v, "tester");
            }
            List<String> plainAnswers = new ArrayList<>();
            List<String> shadowedAnswers = new ArrayList<>();
            List<Decision> plainAllowed = new ArrayList<>();
            List<Decision> shadowedAllowed = new ArrayList<>();
            for (Op op : ops) {
                plainClock.advance(Duration.ofMillis(op.advanceMs()));
                shadowedClock.advance(Duration.ofMillis(op.advanceMs()));
                plainAnswers.add(step(plain, op, plainAllowed));
                shadowedAnswers.add(step(shadowed, op, shadowedAllowed));
            }
            assertThat(shadowedAnswers).isEqualTo(plainAnswers);
            for (String table : List.of("SELECT agent_id, kind, at_ms, events FROM rate_bucket ORDER BY 1, 2, 3",
                    "SELECT agent_id, day, tokens, cost_usd FROM agent_spend ORDER BY 1, 2",
                    "SELECT agent_id, actions, since FROM agent_autonomy ORDER BY 1")) {
                assertThat(rows(shadowed, table)).as(table).isEqualTo(rows(plain, table));
            }
            // a budget alert is appended after its decision is answered, and the pause it may bring denies the
            // agent's waiting items after that: wait for both workspaces to settle
            String queue = "SELECT agent_id, action, tier, status, created_at FROM escalation ORDER BY 1, 2, 3, 4, 5";
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(count(shadowed, "budget.alert")).isEqualTo(count(plain, "budget.alert"));
                assertThat(count(shadowed, "agent.paused")).isEqualTo(count(plain, "agent.paused"));
                assertThat(rows(shadowed, queue)).as(queue).isEqualTo(rows(plain, queue));
            });
            assertThat(count(shadowed, "agent.paused")).isEqualTo(count(plain, "agent.paused"));
            // the shadow was there all along, and it would have let through something the real version denied
            List<JsonNode> shadows = new ArrayList<>();
            List<String> realDecisions = new ArrayList<>();
            shadowed.auditReader().forEach(new AuditQuery(null, null, null, "decision", null), e -> {
                try {
                    shadows.add(JSON.readTree(e.entry().detail()));
                    realDecisions.add(e.entry().decision());
                } catch (IOException ex) {
                    throw new AssertionError(ex);
                }
            });
            assertThat(shadows).allSatisfy(d -> assertThat(d.has("shadow")).isTrue());
            // in the short form ("agrees") the shadow answered as the entry records; in full it says its answer
            List<String> shadowDecisions = new ArrayList<>();
            for (int i = 0; i < shadows.size(); i++) {
                JsonNode s = shadows.get(i).path("shadow");
                shadowDecisions.add(s.path("agrees").asBoolean() ? realDecisions.get(i) : s.path("decision").asText());
            }
            assertThat(shadowDecisions).allSatisfy(d -> assertThat(d).isIn("allow", "deny", "pending"));
            assertThat(shadowDecisions).anySatisfy(d -> assertThat(d).isNotEqualTo("deny"));
        } finally {
            delete(plainDir);
            delete(shadowedDir);
        }
    }

    /** The active version with every denied action allowed and every limit lifted. */
    private static String anythingGoes(String yaml) {
        return yaml.replace("\n  denied_actions:\n", "\n")
                .replaceAll("actions_per_minute: \\d+", "actions_per_minute: 100000")
                .replaceAll("escalations_per_hour: \\d+", "escalations_per_hour: 100000")
                .replaceAll("max_autonomous_actions: \\d+", "max_autonomous_actions: 100000")
                .replaceAll("max_autonomous_minutes: \\d+", "max_autonomous_minutes: 100000")
                .replaceAll("daily_tokens: \\d+", "daily_tokens: 900000000000")
                .replaceAll("daily_cost_usd: [\\d.]+", "daily_cost_usd: 900000000");
    }

    /** One step; the real answer in words (compared between the workspaces). */
    private static String step(Workspace ws, Op op, List<Decision> allowed) {
        String agent = DemoAgents.IDS.get(op.agent());
        if (op.kind() < 78) {
            DecisionRequest r = DecisionRequest.of(agent, ACTIONS.get(op.agent()).get(op.action()))
                    .withTarget(DemoAgents.TARGETS.get(agent)).withTokens(op.tokens(), op.cost())
                    .withAmount(op.amount()).withConfidence(0.95);
            Decision d = ws.decisions().decide(r).join();
            if (d.wasAllowed()) {
                allowed.add(d);
            }
            return d.verdict() + " " + d.reasonCode() + " " + d.tier();
        }
        if (op.kind() < 88) {
            List<QueueItem> pending = ws.queue().pending();
            if (pending.isEmpty()) {
                return "nothing queued";
            }
            QueueItem item = pending.get(0);
            try {
                if (op.kind() % 2 == 0) {
                    ws.queue().approve(item.traceId(), "alice", null);
                } else {
                    ws.queue().deny(item.traceId(), "alice", null);
                }
                return "reviewed " + item.action();
            } catch (RuntimeException refused) {
                return "refused " + refused.getClass().getSimpleName();
            }
        }
        if (op.kind() < 95) {
            if (allowed.isEmpty()) {
                return "no outcome";
            }
            // an action has one outcome (RepeatedOutcomeTest)
            ws.decisions().recordOutcome(allowed.remove(allowed.size() - 1),
                    new Outcome(null, 5L, op.tokens(), op.cost())).join();
            return "outcome";
        }
        if (ws.agents().find(agent).orElseThrow().status() != dev.arbiter.core.agent.AgentStatus.ACTIVE) {
            ws.agents().resume(agent, "reviewed", "alice");
            return "resumed";
        }
        return "active";
    }

    private static List<List<String>> rows(Workspace ws, String sql) {
        return ws.database().read(c -> {
            List<List<String>> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        row.add(String.valueOf(rs.getObject(i)));
                    }
                    out.add(row);
                }
            }
            return out;
        });
    }

    private static long count(Workspace ws, String event) {
        return ws.auditReader().count(new AuditQuery(null, null, null, event, null));
    }

    private static void delete(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
