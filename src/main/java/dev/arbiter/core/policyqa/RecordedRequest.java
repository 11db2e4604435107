package dev.arbiter.core.policyqa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.decision.ActionRequest;
import dev.arbiter.core.decision.Verdict;
import dev.arbiter.core.policy.DataClass;
import dev.arbiter.core.policy.RiskTier;
import java.io.IOException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * A decision entry of the ledger read back as the request that was asked and
 * the answer that was given. The request is what the decision engine writes
 * into every decision entry: the action (the spelling sent when it differed),
 * {@code tokens_consumed}, and in the detail {@code confidence}, {@code target},
 * {@code cost_usd} and the request's {@code context} ({@code amount_usd},
 * {@code data_classes}, {@code reversible}).
 *
 * @param policyVersion the version that decided; null when the agent had no policy
 */
public record RecordedRequest(long seq, String traceId, Instant at, ModelRequest request, String policy,
                              Integer policyVersion, Verdict verdict, RiskTier tier, String reasonCode,
                              String reason) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads a {@code decision} entry; null when it is not one or cannot be read (it is then not replayed). */
    public static RecordedRequest of(long seq, AuditEntry e) {
        if (!"decision".equals(e.event()) || e.agentId() == null || e.action() == null || e.decision() == null) {
            return null;
        }
        try {
            JsonNode d = e.detail() == null ? JSON.createObjectNode() : JSON.readTree(e.detail());
            String action = d.path("action_sent").isTextual() ? d.get("action_sent").asText() : e.action();
            JsonNode context = d.path("context");
            Double amount = context.path("amount_usd").isNumber() ? context.get("amount_usd").asDouble() : null;
            Set<DataClass> classes = EnumSet.noneOf(DataClass.class);
            if (context.path("data_classes").isArray()) {
                for (JsonNode c : context.get("data_classes")) {
                    DataClass.parse(c.asText()).ifPresent(classes::add);
                }
            }
            Boolean reversible = context.path("reversible").isBoolean() ? context.get("reversible").asBoolean() : null;
            Double confidence = d.path("confidence").isNumber() ? d.get("confidence").asDouble() : null;
            String target = d.path("target").isTextual() ? d.get("target").asText() : null;
            Double cost = d.path("cost_usd").isNumber() ? d.get("cost_usd").asDouble() : null;
            ModelRequest request = new ModelRequest(e.agentId(),
                    new ActionRequest(action, amount, classes, confidence, target, reversible), e.tokensConsumed(), cost);
            return new RecordedRequest(seq, e.traceId(), e.timestamp(), request,
                    d.path("policy").isTextual() ? d.get("policy").asText() : null,
                    d.path("policy_version").isInt() ? d.get("policy_version").asInt() : null,
                    Verdict.fromWire(e.decision()), RiskTier.parse(e.tier()).orElse(null), e.reasonCode(),
                    d.path("reason").asText(null));
        } catch (IOException | RuntimeException ex) {
            return null;
        }
    }

    /** Cost of an {@code action.outcome} entry's detail, in US dollars; null when none. */
    static Double outcomeCost(AuditEntry e) {
        if (e.detail() == null) {
            return null;
        }
        try {
            JsonNode d = JSON.readTree(e.detail());
            return d.path("cost_usd").isNumber() ? d.get("cost_usd").asDouble() : null;
        } catch (IOException | RuntimeException ex) {
            return null;
        }
    }
}
