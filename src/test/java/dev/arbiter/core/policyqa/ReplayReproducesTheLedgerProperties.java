package dev.arbiter.core.policyqa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.decision.Decision;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.decision.Outcome;
import dev.arbiter.core.decision.TestClock;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.policy.DataClass;
import dev.arbiter.core.queue.QueueItem;
import dev.arbiter.core.store.DataDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Replaying the versions that decided reproduces every recorded decision
 * (verdict, reason code, tier), over generated streams sent through the real
 * decision engine on a real SQLite workspace: rate limits, escalation limits,
 * budgets (request and outcome spend), time-boxed autonomy with reviews and
 * resumes, the kill switch, a new version activated midway, denied, unlisted
 * and off-network actions, day boundaries. This is also what makes the policy
 * test runner trustworthy: it decides with the same {@link DecisionModel}.
 */
class ReplayReproducesTheLedgerProperties {

    /** One step of the stream; {@code kind} picks what it does, the rest are its parameters. */
    record Op(int kind, int agent, int action, Double amount, long tokens, Double cost, Double confidence,
              long advanceMs) {
    }

    private static final List<String> AGENTS = DemoAgents.IDS;
    private static final List<List<String>> ACTIONS = List.of(
            List.of("read:order_history", "create:support_ticket", "send:email_template", "write:payment_info",
                    "issue:refund", "READ:Customer_Profile"),
            List.of("issue:refund", "read:payment_status", "issue:chargeback", "delete:order/1", "send:email_template",
                    "read:order_history"),
            List.of("list:temp_files", "delete:temp_files", "archive:exports", "delete:backups", "write:x",
                    "create:cleanup_report"));

    @Provide
    Arbitrary<List<Op>> streams() {
        Arbitrary<Op> op = Combinators.combine(
                Arbitraries.integers().between(0, 99),
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 5),
                Arbitraries.of(0.0, 20.0, 150.0, 999.0, 1500.0).injectNull(0.4),
                Arbitraries.longs().between(0, 120_000),
                Arbitraries.of(0.1, 1.0, 4.0).injectNull(0.5),
                Arbitraries.of(0.3, 0.85, 0.95).injectNull(0.4),
                Arbitraries.of(0L, 200L, 3_000L, 20_000L, 70_000L, 3_700_000L)
        ).as(Op::new);
        return op.list().ofMinSize(20).ofMaxSize(160);
    }

    @Property(tries = 8)
    void replayingTheVersionsThatDecidedReproducesEveryRecordedDecision(@ForAll("streams") List<Op> ops)
            throws IOException {
        Path dir = Files.createTempDirectory("arbiter-replay");
        TestClock clock = new TestClock(Instant.parse("2026-03-16T23:40:00Z"));
        try (Workspace ws = Workspace.open(new DataDirectory(dir), clock)) {
            DemoAgents.ensure(ws);
            List<Decision> allowed = new ArrayList<>();
            boolean newVersion = false;
            for (Op op : ops) {
                String agent = AGENTS.get(op.agent());
                clock.advance(Duration.ofMillis(op.advanceMs()));
                if (op.kind() < 80) {
                    DecisionRequest r = new DecisionRequest(agent, null, ACTIONS.get(op.agent()).get(op.action()),
                            null, null, op.confidence(), List.of(), op.tokens(),
                            op.action() == 5 && op.agent() == 0 ? "evil.example:443" : DemoAgents.TARGETS.get(agent),
                            op.amount(), op.action() % 2 == 0 ? Set.of(DataClass.PII) : Set.of(),
                            op.action() == 1 ? Boolean.TRUE : null, op.cost(), null);
                    Decision d = ws.decisions().decide(r).join();
                    if (d.wasAllowed()) {
                        allowed.add(d);
                    }
                } else if (op.kind() < 84) {
                    String scope = op.kind() % 2 == 0 ? null : agent;
                    try {
                        if (ws.killSwitch().isEngagedFor(agent)) {
                            ws.killSwitch().release(scope, "test", "tester");
                        } else {
                            ws.killSwitch().engage(scope, "test", "tester");
                        }
                    } catch (RuntimeException notThatSwitch) {
                        // the other scope is the engaged one: nothing changes, as in the desktop
                    }
                } else if (op.kind() < 90) {
                    List<QueueItem> pending = ws.queue().pending();
                    if (!pending.isEmpty()) {
                        QueueItem item = pending.get(0);
                        try {
                            if (op.kind() % 2 == 0) {
                                ws.queue().approve(item.traceId(), "alice", null);
                            } else {
                                ws.queue().deny(item.traceId(), "alice", null);
                            }
                        } catch (RuntimeException overdue) {
                            // its review_due has come: refused in every face, nothing recorded
                        }
                    }
                } else if (op.kind() < 94) {
                    if (ws.agents().find(agent).orElseThrow().status() != dev.arbiter.core.agent.AgentStatus.ACTIVE) {
                        ws.agents().resume(agent, "reviewed", "alice");
                    }
                } else if (op.kind() < 98) {
                    if (!allowed.isEmpty()) {
                        // an action has one outcome (RepeatedOutcomeTest)
                        ws.decisions().recordOutcome(allowed.remove(allowed.size() - 1),
                                new Outcome(null, 10L, op.tokens(), op.cost())).join();
                    }
                } else if (!newVersion) {
                    newVersion = true;
                    String yaml = ws.policies().active("refunds-agent").orElseThrow().yaml()
                            .replace("actions_per_minute: 20", "actions_per_minute: 4")
                            .replace("daily_cost_usd: 45", "daily_cost_usd: 9");
                    ws.policies().save(yaml, "tester", "stricter", true);
                }
            }
            long replayed = 0;
            for (String policy : List.of("customer-support-agent", "refunds-agent", "data-cleanup-agent")) {
                ReplayReport report = new Replay(ws.auditReader(), ws.policies(), ws.agents())
                        .run(policy, null, null, null);
                assertThat(report.changes()).as("changes replaying %s", policy).isEmpty();
                replayed += report.decisions();
            }
            // every decision of the stream was replayed (all three agents run under these policies)
            assertThat(replayed).isEqualTo(ws.auditReader().count(new AuditQuery(null, null, null, "decision", null)));
        } finally {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
