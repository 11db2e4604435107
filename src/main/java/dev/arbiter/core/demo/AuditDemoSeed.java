package dev.arbiter.core.demo;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A morning of decisions by the demo agents, and one kill-switch drill, in the ledger. */
final class AuditDemoSeed implements DemoSeed {

    private record Sample(String agent, String action, String summary, String decision, String tier, String code,
                          double risk, long tokens) {
    }

    private static final List<Sample> SAMPLES = List.of(
            new Sample("support-agent-v2", "create:support_ticket", "Customer reported billing discrepancy",
                    "allow", "autonomous", "ALLOWED", 0.12, 1247),
            new Sample("support-agent-v2", "read:order_history", "Order lookup for ticket TKT-45678",
                    "allow", "autonomous", "ALLOWED", 0.05, 412),
            new Sample("refunds-agent", "issue:refund", "Refund $80 for damaged item, order 10023",
                    "allow", "supervised", "SUPERVISED_ALLOWED", 0.38, 903),
            new Sample("refunds-agent", "issue:refund", "Refund $1,450 for cancelled annual plan",
                    "pending", "gated", "PENDING_APPROVAL", 0.81, 1540),
            new Sample("support-agent-v2", "write:payment_info", "Update card on file from chat transcript",
                    "deny", "gated", "DENIED_BY_POLICY", 0.92, 388),
            new Sample("data-cleanup-agent", "delete:stale_sessions", "Purge 12,400 sessions older than 90 days",
                    "pending", "gated", "PENDING_APPROVAL", 0.74, 2210),
            new Sample("support-agent-v2", "send:email_template", "Send template BILLING-ACK to customer",
                    "allow", "autonomous", "ALLOWED", 0.15, 655));

    @Override
    public void seed(Workspace workspace) {
        Instant start = workspace.clock().instant().minus(Duration.ofHours(3));
        int n = 0;
        for (int round = 0; round < 4; round++) {
            for (Sample s : SAMPLES) {
                n++;
                workspace.ledger().append(AuditEntry.of("decision")
                        .timestamp(start.plus(Duration.ofMinutes(n * 6L)))
                        .traceId(String.format("ag-demo-%06d", n)).agentId(s.agent()).sessionId("sess_demo" + round)
                        .action(s.action()).inputSummary(s.summary())
                        .reasoning("Demo: " + s.summary().toLowerCase() + " (confidence: 0.9).")
                        .toolsUsed(List.of("crm_lookup")).tokensConsumed(s.tokens()).riskScore(s.risk())
                        .decision(s.decision()).tier(s.tier()).reasonCode(s.code()).actor("demo")
                        .build());
            }
        }
        Instant drill = start.plus(Duration.ofMinutes(n * 6L + 2));
        workspace.ledger().append(AuditEntry.of("kill_switch.engaged").timestamp(drill)
                .actor("demo").humanOverride(true).reasonCode("KILL_SWITCH")
                .detail(AuditDetail.of("scope", "all agents", "reason", "Quarterly kill-switch drill")).build());
        workspace.ledger().append(AuditEntry.of("kill_switch.released").timestamp(drill.plus(Duration.ofMinutes(3)))
                .actor("demo").humanOverride(true)
                .detail(AuditDetail.of("scope", "all agents", "reason", "Drill complete: all agents stopped in 0.4 s"))
                .build());
    }
}
