package dev.arbiter.core.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.LedgerEntry;
import java.time.Instant;
import java.util.Optional;

/**
 * The facts of one ledger entry the rules look at. Only decisions, {@code budget.alert} and
 * {@code gateway.auth_refused} entries are observed; the detail JSON is read only when it may hold
 * a confidence, a cost or a refusal count.
 */
record Observation(long seq, Instant at, String event, String agentId, String action, String decision,
                   String reasonCode, Double risk, Double confidence, double costUsd, long refused) {

    static final String DECISION = "decision";
    static final String BUDGET_ALERT = "budget.alert";
    static final String AUTH_REFUSED = "gateway.auth_refused";
    private static final ObjectMapper JSON = new ObjectMapper();

    static Optional<Observation> of(LedgerEntry stored) {
        AuditEntry e = stored.entry();
        String event = e.event();
        if (!event.equals(DECISION) && !event.equals(BUDGET_ALERT) && !event.equals(AUTH_REFUSED)) {
            return Optional.empty();
        }
        if (e.agentId() == null || e.timestamp() == null) {
            return Optional.empty();
        }
        Double confidence = null;
        double cost = 0;
        long refused = 0;
        String detail = e.detail();
        if (detail != null && (detail.contains("\"confidence\"") || detail.contains("\"cost_usd\"")
                || event.equals(AUTH_REFUSED))) {
            try {
                JsonNode d = JSON.readTree(detail);
                JsonNode c = d.get("confidence");
                confidence = c != null && c.isNumber() ? c.asDouble() : null;
                JsonNode usd = d.get("cost_usd");
                cost = usd != null && usd.isNumber() && Double.isFinite(usd.asDouble()) ? Math.max(0, usd.asDouble()) : 0;
                refused = event.equals(AUTH_REFUSED) ? Math.max(1, d.path("count").asLong(1)) : 0;
            } catch (java.io.IOException ex) {
                refused = event.equals(AUTH_REFUSED) ? 1 : 0;
            }
        }
        return Optional.of(new Observation(stored.seq(), e.timestamp(), event, e.agentId(), e.action(), e.decision(),
                e.reasonCode(), e.riskScore(), confidence, cost, refused));
    }

    boolean isDecision() {
        return event.equals(DECISION);
    }
}
