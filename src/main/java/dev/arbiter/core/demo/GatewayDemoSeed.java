package dev.arbiter.core.demo;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.decision.Decision;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.policy.DataClass;
import java.util.List;
import java.util.Set;

/**
 * The demo agents asking the gateway for a handful of actions, decided by the
 * real engine: allowed ones, a denied one, refunds waiting for review and for
 * approval, a deletion waiting for approval, and one approval already given,
 * so that the queue and the audit log show the three tiers at work.
 */
final class GatewayDemoSeed implements DemoSeed {

    @Override
    public void seed(Workspace ws) {
        DemoAgents.ensure(ws);
        ask(ws, DemoAgents.SUPPORT, "create:support_ticket", "Customer reported billing discrepancy",
                "Classified as billing issue (confidence: 0.94). Created ticket per SOP-BILLING-001.", 0.94, null,
                Set.of(DataClass.PII), true);
        ask(ws, DemoAgents.SUPPORT, "read:order_history", "Order lookup for ticket TKT-45678",
                "Needs the order to answer the customer (confidence: 0.97).", 0.97, null, Set.of(DataClass.PII), null);
        ask(ws, DemoAgents.SUPPORT, "access:admin_panel", "Check why the customer's account is locked",
                "The lock flag is only visible in the admin panel (confidence: 0.74).", 0.74, null, Set.of(), null);
        ask(ws, DemoAgents.REFUNDS, "issue:refund", "Refund $80 for damaged item, order 10023",
                "Photo shows a cracked screen; within policy (confidence: 0.92).", 0.92, 80.0,
                Set.of(DataClass.FINANCIAL), null);
        Decision approved = ask(ws, DemoAgents.REFUNDS, "issue:refund", "Refund $2,300 for a duplicate charge",
                "Two identical captures on 2026-03-14 (confidence: 0.96).", 0.96, 2300.0,
                Set.of(DataClass.FINANCIAL), null);
        ws.queue().approve(approved.traceId(), "Dana Reyes", "Duplicate capture confirmed in the payments console");
        ask(ws, DemoAgents.REFUNDS, "issue:refund", "Refund $1,450 for cancelled annual plan",
                "Cancelled on day 12 of a 30-day window (confidence: 0.88).", 0.88, 1450.0,
                Set.of(DataClass.FINANCIAL), null);
        ask(ws, DemoAgents.CLEANUP, "delete:stale_sessions", "Purge 12,400 sessions older than 90 days",
                "Retention schedule RS-4 allows deletion after 90 days (confidence: 0.95).", 0.95, null,
                Set.of(DataClass.PII), false);
        ask(ws, DemoAgents.CLEANUP, "archive:exports", "Archive 31 exports from last quarter",
                "Exports older than 60 days go to cold storage (confidence: 0.93).", 0.93, null,
                Set.of(DataClass.PII), true);
    }

    private static Decision ask(Workspace ws, String agent, String action, String summary, String reasoning,
                                double confidence, Double amount, Set<DataClass> data, Boolean reversible) {
        return ws.decisions().decide(new DecisionRequest(agent, "sess_demo", action, summary, reasoning, confidence,
                List.of("crm_lookup"), 900L, DemoAgents.TARGETS.get(agent), amount, data, reversible, null,
                context(amount, data, reversible)))
                .join();
    }

    /** The context object an agent would have sent (the queue and the audit log show it). */
    private static String context(Double amount, Set<DataClass> data, Boolean reversible) {
        List<String> fields = new java.util.ArrayList<>();
        if (amount != null) {
            fields.add("\"amount_usd\":" + (amount == Math.rint(amount) ? Long.toString(amount.longValue())
                    : amount.toString()));
        }
        if (!data.isEmpty()) {
            fields.add("\"data_classes\":[" + data.stream().map(c -> "\"" + c.label() + "\"").sorted()
                    .collect(java.util.stream.Collectors.joining(",")) + "]");
        }
        if (reversible != null) {
            fields.add("\"reversible\":" + reversible);
        }
        return fields.isEmpty() ? null : "{" + String.join(",", fields) + "}";
    }
}
