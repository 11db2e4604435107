package dev.arbiter.core.webhook;

import dev.arbiter.core.alert.Alert;
import dev.arbiter.core.audit.AuditTime;
import dev.arbiter.core.queue.QueueItem;
import java.util.LinkedHashMap;
import java.util.Map;

/** The notifications Arbiter sends: a raised alert, and a gated action waiting for approval. */
public final class Notices {

    private Notices() {
    }

    /** Subject: the alert's id. Says what crossed which rule, and how to triage it. */
    public static Notice alert(Alert a) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Rule", a.rule().key());
        facts.put("Agent", a.agentId() == null ? "—" : a.agentId());
        facts.put("Window", AuditTime.format(a.windowFrom()) + " – " + AuditTime.format(a.windowTo()));
        facts.put("Figures", a.figures());
        facts.put("Evidence", a.firstSeq() == 0 ? "—" : "ledger #" + a.firstSeq() + "–#" + a.lastSeq());
        facts.put("Response", a.response().key());
        return new Notice(WebhookTopic.ALERTS, a.id(), "Arbiter alert: " + a.rule().label(),
                a.summary() + " Triage it in Arbiter (Alerts) or: arbiter alert ack " + a.id()
                        + " --true-positive|--false-positive --note …", facts);
    }

    /** Subject: the action's trace id. Says who waits for what, and until when. */
    public static Notice approval(QueueItem q) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Agent", q.agentId());
        facts.put("Action", q.action());
        facts.put("Risk", q.riskScore() == null ? "—" : String.format(java.util.Locale.ROOT, "%.2f", q.riskScore()));
        facts.put("Reason", q.reason() == null ? "—" : q.reason());
        facts.put("Due", q.dueAt() == null ? "—" : AuditTime.format(q.dueAt()));
        return new Notice(WebhookTopic.APPROVALS, "approval:" + q.traceId(), "Approval needed: " + q.action(),
                q.agentId() + " waits for a person to approve " + q.action()
                        + ". Decide in Arbiter (Escalation Queue) or: arbiter queue list", facts);
    }
}
