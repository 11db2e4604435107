package dev.arbiter.core.demo;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.decision.Decision;
import dev.arbiter.core.decision.DecisionEngine;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.decision.Verdict;
import dev.arbiter.core.policy.DataClass;
import dev.arbiter.core.queue.EscalationQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * A morning of decisions by the demo agents, and one kill-switch drill, in the ledger. Each decision is made by
 * the real decision engine and queue, on a clock set to the morning, so it is recorded exactly as the gateway
 * records one (its policy and version, request fields and counters): {@code arbiter policy replay} re-decides
 * every one of them (issue 19). The escalated ones were reviewed a few minutes later by the agent's owner.
 */
final class AuditDemoSeed implements DemoSeed {

    private record Sample(String agent, String action, String summary, double confidence, Double amount,
                          Set<DataClass> data, Boolean reversible, long tokens, String reviewer, String note) {
    }

    private static final List<Sample> SAMPLES = List.of(
            new Sample(DemoAgents.SUPPORT, "create:support_ticket", "Customer reported billing discrepancy", 0.94,
                    null, Set.of(DataClass.PII), true, 1247, null, null),
            new Sample(DemoAgents.SUPPORT, "read:order_history", "Order lookup for ticket TKT-45678", 0.97, null,
                    Set.of(DataClass.PII), null, 412, null, null),
            new Sample(DemoAgents.REFUNDS, "issue:refund", "Refund $80 for damaged item, order 10023", 0.92, 80.0,
                    Set.of(DataClass.FINANCIAL), null, 903, "Marcus Lee", "Photo of the damage checked"),
            new Sample(DemoAgents.REFUNDS, "issue:refund", "Refund $1,450 for cancelled annual plan", 0.88, 1450.0,
                    Set.of(DataClass.FINANCIAL), null, 1540, "Marcus Lee", "Cancelled within the 30-day window"),
            new Sample(DemoAgents.SUPPORT, "write:payment_info", "Update card on file from chat transcript", 0.90,
                    null, Set.of(DataClass.PII), null, 388, null, null),
            new Sample(DemoAgents.CLEANUP, "delete:stale_sessions", "Purge 12,400 sessions older than 90 days", 0.95,
                    null, Set.of(DataClass.PII), false, 2210, "Priya Natarajan", "Retention schedule RS-4 applies"),
            new Sample(DemoAgents.SUPPORT, "send:email_template", "Send template BILLING-ACK to customer", 0.96, null,
                    Set.of(DataClass.PII), null, 655, null, null));
    private static final int ROUNDS = 4;
    private static final Duration APART = Duration.ofMinutes(6);
    private static final Duration REVIEWED_AFTER = Duration.ofMinutes(3);

    @Override
    public void seed(Workspace ws) {
        Instant start = ws.clock().instant().minus(Duration.ofHours(3));
        MorningClock morning = new MorningClock(start);
        int n = 0;
        try (EscalationQueue queue = new EscalationQueue(ws.database(), ws.ledger(), ws.events(), ws.killSwitch(),
                morning);
             DecisionEngine engine = new DecisionEngine(ws.database(), ws.ledger(), ws.auditReader(), ws.events(),
                     ws.agents(), ws.policies(), ws.killSwitch(), queue, ws.shadows(), morning)) {
            for (int round = 0; round < ROUNDS; round++) {
                for (Sample s : SAMPLES) {
                    n++;
                    Instant at = start.plus(APART.multipliedBy(n));
                    morning.at = at;
                    Decision d = engine.decide(request(s, round)).join();
                    if (d.reviewDue() != null && s.reviewer() != null) {
                        morning.at = at.plus(REVIEWED_AFTER);
                        if (d.verdict() == Verdict.PENDING && s.amount() != null && round == ROUNDS - 1) {
                            // the last large refund was turned down: a morning shows both answers
                            queue.deny(d.traceId(), s.reviewer(), "Customer already refunded by the card issuer");
                        } else {
                            queue.approve(d.traceId(), s.reviewer(), s.note());
                        }
                    }
                }
            }
        }
        Instant drill = start.plus(APART.multipliedBy(n)).plus(Duration.ofMinutes(2));
        ws.ledger().append(AuditEntry.of("kill_switch.engaged").timestamp(drill)
                .actor("demo").humanOverride(true).reasonCode("KILL_SWITCH")
                .detail(AuditDetail.of("scope", "all agents", "reason", "Quarterly kill-switch drill")).build());
        ws.ledger().append(AuditEntry.of("kill_switch.released").timestamp(drill.plus(Duration.ofMinutes(3)))
                .actor("demo").humanOverride(true)
                .detail(AuditDetail.of("scope", "all agents", "reason", "Drill complete: all agents stopped in 0.4 s"))
                .build());
    }

    private static DecisionRequest request(Sample s, int round) {
        return new DecisionRequest(s.agent(), "sess_demo" + round, s.action(), s.summary(),
                "Demo: " + s.summary().toLowerCase(java.util.Locale.ROOT) + " (confidence: " + s.confidence() + ").",
                s.confidence(), List.of("crm_lookup"), s.tokens(), DemoAgents.TARGETS.get(s.agent()), s.amount(),
                s.data(), s.reversible(), null, null);
    }

    /** The morning's clock: the engine and the queue read the time the seed sets. Used on the seeding thread. */
    private static final class MorningClock extends Clock {
        volatile Instant at;

        MorningClock(Instant at) {
            this.at = at;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return at;
        }
    }
}
