package dev.arbiter.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.core.Version;
import java.util.Locale;

/**
 * A ledger entry as an OCSF 1.3.0 event (Open Cybersecurity Schema Framework,
 * https://schema.ocsf.io/1.3.0), for SIEMs that ingest OCSF (Amazon Security Lake,
 * Splunk, Sentinel). The class follows the entry's kind:
 * <ul>
 *   <li>an agent's action and what became of it ({@code decision}, {@code review.*},
 *       {@code action.outcome}, {@code mcp.call.*}, {@code gateway.auth_refused}) is
 *       <b>API Activity</b> (6003): the agent is the actor, the action the API operation,
 *       the verdict the {@code disposition} of the security-control profile;</li>
 *   <li>an alert ({@code alert.*}) is a <b>Detection Finding</b> (2004);</li>
 *   <li>everything else (policy, agent, token, kill switch, assessment changes) is a
 *       <b>Base Event</b> (0), which OCSF keeps for events no class defines.</li>
 * </ul>
 * Every event carries the chain: {@code metadata.uid} is the entry's hash,
 * {@code metadata.sequence} its seq, {@code metadata.correlation_uid} its trace id, and
 * {@code unmapped.arbiter} the whole entry as the JSONL export writes it (hash and
 * previous hash included), so nothing the ledger holds is lost in translation.
 */
public final class OcsfEvent {

    /** The OCSF schema version the events follow. */
    public static final String SCHEMA_VERSION = "1.3.0";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The OCSF classes Arbiter emits. */
    public enum OcsfClass {
        BASE_EVENT(0, 0, "Base Event"),
        DETECTION_FINDING(2004, 2, "Detection Finding"),
        API_ACTIVITY(6003, 6, "API Activity");

        private final int uid;
        private final int category;
        private final String caption;

        OcsfClass(int uid, int category, String caption) {
            this.uid = uid;
            this.category = category;
            this.caption = caption;
        }

        public int uid() { return uid; }
        public int category() { return category; }
        public String caption() { return caption; }
    }

    private OcsfEvent() {
    }

    /** The class an entry of event type {@code event} is exported as. */
    public static OcsfClass classOf(String event) {
        if (event.startsWith("alert.")) {
            return OcsfClass.DETECTION_FINDING;
        }
        if (event.equals("decision") || event.startsWith("review.") || event.equals("action.outcome")
                || event.startsWith("mcp.call.") || event.equals("gateway.auth_refused")) {
            return OcsfClass.API_ACTIVITY;
        }
        return OcsfClass.BASE_EVENT;
    }

    /** The OCSF event for one stored entry (lone surrogates kept; escape them before writing UTF-8). */
    public static ObjectNode of(LedgerEntry stored) {
        AuditEntry e = stored.entry();
        OcsfClass cls = classOf(e.event());
        int activity = activity(cls, e.event());
        ObjectNode n = MAPPER.createObjectNode();
        n.put("class_uid", cls.uid());
        n.put("class_name", cls.caption());
        n.put("category_uid", cls.category());
        n.put("activity_id", activity);
        n.put("type_uid", cls.uid() * 100L + activity);
        n.put("time", e.timestamp() == null ? 0L : e.timestamp().toEpochMilli());
        n.put("time_dt", e.timestamp() == null ? null : AuditTime.format(e.timestamp()));
        n.put("severity_id", severity(e));
        n.put("message", message(e));
        n.set("metadata", metadata(stored, cls));
        switch (cls) {
            case API_ACTIVITY -> apiActivity(n, e);
            case DETECTION_FINDING -> detectionFinding(n, stored);
            case BASE_EVENT -> {
                if (e.actor() != null || e.agentId() != null) {
                    n.set("actor", actor(e));
                }
            }
        }
        n.put("status_id", status(e));
        ObjectNode unmapped = n.putObject("unmapped");
        unmapped.set("arbiter", AuditJson.toNode(stored));
        return n;
    }

    /** One line of OCSF JSON, encodable as UTF-8 whatever the entry holds. */
    public static String line(LedgerEntry stored) {
        return LoneSurrogates.escapeInJson(of(stored).toString());
    }

    private static ObjectNode metadata(LedgerEntry stored, OcsfClass cls) {
        ObjectNode m = MAPPER.createObjectNode();
        m.put("version", SCHEMA_VERSION);
        m.put("uid", stored.hash());
        m.put("sequence", stored.seq());
        m.put("correlation_uid", stored.entry().traceId());
        m.put("log_name", "arbiter-ledger");
        m.put("event_code", stored.entry().event());
        ObjectNode product = m.putObject("product");
        product.put("name", "Arbiter");
        product.put("vendor_name", "Arbiter");
        product.put("version", Version.current());
        if (cls == OcsfClass.API_ACTIVITY) {
            m.putArray("profiles").add("security_control");
        }
        return m;
    }

    private static void apiActivity(ObjectNode n, AuditEntry e) {
        n.set("actor", actor(e));
        ObjectNode api = n.putObject("api");
        api.put("operation", e.action() != null ? e.action() : e.event());
        api.putObject("service").put("name", e.event().startsWith("mcp.") ? "arbiter-mcp-proxy" : "arbiter-gateway");
        // The agent's own machine is not recorded; the ledger names the agent, so the source is that agent.
        ObjectNode src = n.putObject("src_endpoint");
        src.put("name", e.agentId() != null ? e.agentId() : "unknown");
        if (e.decision() != null) {
            int disposition = disposition(e.decision());
            n.put("disposition_id", disposition);
            n.put("disposition", dispositionCaption(disposition));
            n.put("action_id", disposition == 1 ? 1 : disposition == 2 ? 2 : 99);
        }
        if (e.reasonCode() != null) {
            n.put("status_code", e.reasonCode());
        }
        if (e.riskScore() != null) {
            n.put("risk_score", (int) Math.round(e.riskScore() * 100));
        }
    }

    private static void detectionFinding(ObjectNode n, LedgerEntry stored) {
        AuditEntry e = stored.entry();
        ObjectNode finding = n.putObject("finding_info");
        JsonNode detail = AuditJson.toNode(stored).get("detail");
        String rule = text(detail, "rule");
        finding.put("uid", e.traceId() != null ? e.traceId() : stored.hash());
        finding.put("title", rule != null ? "Arbiter alert: " + rule : "Arbiter alert (" + e.event() + ")");
        if (rule != null) {
            finding.putArray("types").add(rule);
        }
        if (e.agentId() != null) {
            ObjectNode resource = n.putArray("resources").addObject();
            resource.put("uid", e.agentId());
            resource.put("type", "AI agent");
        }
    }

    private static ObjectNode actor(AuditEntry e) {
        ObjectNode actor = MAPPER.createObjectNode();
        ObjectNode user = actor.putObject("user");
        if (e.agentId() != null) {
            user.put("uid", e.agentId());
            user.put("type_id", 3); // OCSF user type 3: System (a non-human account)
        }
        // A refused caller has no known identity; OCSF still needs the user named.
        user.put("name", e.actor() != null ? e.actor() : e.agentId() != null ? e.agentId() : "unknown");
        if (e.sessionId() != null) {
            actor.putObject("session").put("uid", e.sessionId());
        }
        return actor;
    }

    private static int activity(OcsfClass cls, String event) {
        return switch (cls) {
            case API_ACTIVITY -> 99; // Other: a governed action is none of create/read/update/delete per se
            case DETECTION_FINDING -> event.equals("alert.raised") ? 1 : 2; // Create, Update (triage, response)
            case BASE_EVENT -> 99;
        };
    }

    /** OCSF severity_id: 1 informational … 5 critical, from the entry's verdict, risk and kind. */
    private static int severity(AuditEntry e) {
        if (e.event().startsWith("kill_switch.") || e.event().equals("alert.raised")) {
            return 4;
        }
        if (e.riskScore() != null && e.riskScore() >= 0.8) {
            return 4;
        }
        if ("deny".equals(e.decision()) || e.event().equals("gateway.auth_refused")) {
            return 3;
        }
        if ("pending".equals(e.decision()) || (e.riskScore() != null && e.riskScore() >= 0.5)) {
            return 2;
        }
        return 1;
    }

    /** OCSF status_id: 1 success, 2 failure (a refusal), 0 unknown. */
    private static int status(AuditEntry e) {
        if ("deny".equals(e.decision()) || e.event().equals("gateway.auth_refused")) {
            return 2;
        }
        return 1;
    }

    private static int disposition(String decision) {
        return switch (decision.toLowerCase(Locale.ROOT)) {
            case "allow" -> 1;   // Allowed
            case "deny" -> 2;    // Blocked
            case "pending" -> 14; // Delayed: held for a reviewer
            default -> 99;
        };
    }

    private static String dispositionCaption(int id) {
        return switch (id) {
            case 1 -> "Allowed";
            case 2 -> "Blocked";
            case 14 -> "Delayed";
            default -> "Other";
        };
    }

    private static String message(AuditEntry e) {
        StringBuilder m = new StringBuilder(e.event());
        if (e.agentId() != null) {
            m.append(" agent=").append(e.agentId());
        }
        if (e.action() != null) {
            m.append(" action=").append(e.action());
        }
        if (e.decision() != null) {
            m.append(" decision=").append(e.decision());
        }
        if (e.reasonCode() != null) {
            m.append(" reason=").append(e.reasonCode());
        }
        return m.toString();
    }

    private static String text(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
    }
}
