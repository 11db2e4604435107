package dev.arbiter.core.policyqa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentStatus;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.store.DataDirectory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: replaying the versions that decided reproduces every decision of the ledger exactly,
 * also when 1,024 callers decide at once and their clocks disagree (each request's time jitters by
 * up to ±3 s, as between processes or machines, so chain order and time order differ), across a
 * UTC midnight, with rate limits, escalation limits, the daily budget and time-boxed autonomy
 * refusing and agents paused by the engine and resumed meanwhile. The counters each decision saw
 * are recorded in its entry inside the writer's transaction; without them the model, which
 * rebuilds the counters from the chain, drifts from the engine under such reordering.
 */
class ReplayUnderConcurrencyTest {

    private static final List<List<String>> ACTIONS = List.of(
            List.of("read:order_history", "create:support_ticket", "send:email_template", "write:payment_info"),
            List.of("read:payment_status", "issue:refund", "issue:refund", "read:order_history"),
            List.of("list:temp_files", "archive:exports", "delete:temp_files", "create:cleanup_report"));

    /** Time moves 250 ms a reading; each reading is off by up to ±3 s. */
    static final class JitteringClock extends Clock {
        private final long start;
        private final AtomicLong readings = new AtomicLong();
        private final SplittableRandom random = new SplittableRandom(19);

        JitteringClock(Instant start) {
            this.start = start.toEpochMilli();
        }

        @Override
        public Instant instant() {
            long jitter;
            synchronized (random) {
                jitter = random.nextLong(-3_000, 3_001);
            }
            return Instant.ofEpochMilli(start + readings.incrementAndGet() * 250 + jitter);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void replayingTheVersionsThatDecidedReproducesEveryDecisionOfConcurrentCallers(@TempDir Path dir) {
        try (Workspace ws = Workspace.open(new DataDirectory(dir),
                new JitteringClock(Instant.parse("2026-03-16T23:59:20Z")))) {
            DemoAgents.ensure(ws);
            Semaphore inFlight = new Semaphore(1024);
            int decisions = 4_000;
            for (int i = 0; i < decisions; i++) {
                int a = i % 3;
                String agent = DemoAgents.IDS.get(a);
                if (i % 400 == 399 && ws.agents().find(agent).orElseThrow().status() == AgentStatus.PAUSED) {
                    ws.agents().resume(agent, "reviewed", "alice");
                }
                DecisionRequest r = DecisionRequest.of(agent, ACTIONS.get(a).get((i / 3) % 4))
                        .withTarget(DemoAgents.TARGETS.get(agent)).withTokens(a == 1 && i % 5 == 0 ? 40_000L : 50L,
                                a == 1 && i % 13 == 0 ? 2.5 : 0.001)
                        .withAmount(i % 7 == 0 ? 1_200.0 : 30.0).withConfidence(i % 11 == 0 ? 0.5 : 0.95);
                inFlight.acquireUninterruptibly();
                ws.decisions().decide(r).whenComplete((d, e) -> inFlight.release());
            }
            inFlight.acquireUninterruptibly(1024);

            Replay replay = new Replay(ws.auditReader(), ws.policies(), ws.agents());
            long replayed = 0;
            for (String policy : List.of("customer-support-agent", "refunds-agent", "data-cleanup-agent")) {
                ReplayReport asRecorded = replay.run(policy, null, null, null);
                assertThat(asRecorded.changes()).as("changes replaying %s as recorded", policy).isEmpty();
                replayed += asRecorded.decisions();
                // the same, named as a version: the one active throughout
                ReplayReport asVersion = replay.run(policy, 1, null, null);
                assertThat(asVersion.changes()).as("changes replaying %s v1", policy).isEmpty();
            }
            assertThat(replayed).isEqualTo(decisions)
                    .isEqualTo(ws.auditReader().count(new AuditQuery(null, null, null, "decision", null)));
            // the stream did exercise every counter
            List<String> codes = ws.auditReader().count(new AuditQuery(null, null, null, "decision", null)) == 0
                    ? List.of() : reasonCodes(ws);
            assertThat(codes).contains("RATE_LIMITED", "AUTONOMY_LIMIT", "BUDGET_EXCEEDED", "AGENT_PAUSED");
        }
    }

    private static List<String> reasonCodes(Workspace ws) {
        List<String> codes = new java.util.ArrayList<>();
        ws.auditReader().forEach(new AuditQuery(null, null, null, "decision", null),
                e -> codes.add(e.entry().reasonCode()));
        return codes.stream().distinct().toList();
    }
}
