package dev.arbiter.core.policyqa;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.decision.ActionRequest;
import dev.arbiter.core.decision.CountersSeen;
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
 * {@code cost_usd}, the request's {@code context} ({@code amount_usd},
 * {@code data_classes}, {@code reversible}) and the {@code counters} it was judged against.
 * The detail is read in one streaming pass.
 *
 * @param policyVersion the version that decided; null when the agent had no policy
 * @param counters      the counters the decision was judged against ({@code detail.counters}); null in
 *                      entries written before they were recorded
 */
public record RecordedRequest(long seq, String traceId, Instant at, ModelRequest request, String policy,
                              Integer policyVersion, Verdict verdict, RiskTier tier, String reasonCode,
                              String reason, CountersSeen counters) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads a {@code decision} entry; null when it is not one or cannot be read (it is then not replayed). */
    public static RecordedRequest of(long seq, AuditEntry e) {
        if (!"decision".equals(e.event())) {
            return null;
        }
        return of(seq, e.traceId(), e.timestamp(), e.agentId(), e.action(), e.tokensConsumed(), e.decision(),
                e.tier(), e.reasonCode(), e.detail());
    }

    /** Reads a decision from a stored body's fields; null when it cannot be read. */
    static RecordedRequest of(long seq, StoredBody b) {
        return of(seq, b.traceId(), b.at(), b.agentId(), b.action(), b.tokens(), b.decision(), b.tier(),
                b.reasonCode(), b.detail());
    }

    private static RecordedRequest of(long seq, String traceId, Instant at, String agentId, String action,
                                      Long tokens, String decision, String tier, String reasonCode, String detail) {
        if (agentId == null || action == null || decision == null || at == null) {
            return null;
        }
        try {
            Detail d = Detail.read(detail);
            ModelRequest request = new ModelRequest(agentId, new ActionRequest(d.actionSent != null ? d.actionSent
                    : action, d.amount, d.classes, d.confidence, d.target, d.reversible), tokens, d.cost);
            return new RecordedRequest(seq, traceId, at, request, d.policy, d.version, Verdict.fromWire(decision),
                    RiskTier.parse(tier).orElse(null), reasonCode, d.reason, d.counters);
        } catch (IOException | RuntimeException ex) {
            return null;
        }
    }

    /** Cost of an {@code action.outcome} entry's detail, in US dollars; null when none. */
    static Double outcomeCost(String detail) {
        if (detail == null) {
            return null;
        }
        try {
            return Detail.read(detail).cost;
        } catch (IOException | RuntimeException ex) {
            return null;
        }
    }

    /** The fields of a decision's (or outcome's) detail that a replay reads. */
    private static final class Detail {
        String actionSent;
        String policy;
        Integer version;
        Double confidence;
        String target;
        Double cost;
        String reason;
        Double amount;
        Set<DataClass> classes = EnumSet.noneOf(DataClass.class);
        Boolean reversible;
        CountersSeen counters;

        static Detail read(String json) throws IOException {
            Detail d = new Detail();
            if (json == null) {
                return d;
            }
            try (JsonParser p = JSON.getFactory().createParser(json)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return d;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken t = p.nextToken();
                    switch (name) {
                        case "action_sent" -> d.actionSent = t == JsonToken.VALUE_STRING ? p.getText() : skip(p);
                        case "policy" -> d.policy = t == JsonToken.VALUE_STRING ? p.getText() : skip(p);
                        case "policy_version" -> d.version = t == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : null;
                        case "confidence" -> d.confidence = number(p, t);
                        case "target" -> d.target = t == JsonToken.VALUE_STRING ? p.getText() : skip(p);
                        case "cost_usd" -> d.cost = number(p, t);
                        case "reason" -> d.reason = t == JsonToken.VALUE_STRING ? p.getText() : skip(p);
                        case "context" -> d.context(p, t);
                        case CountersSeen.FIELD -> d.counters = t == JsonToken.START_OBJECT
                                ? CountersSeen.read(p.<JsonNode>readValueAsTree()) : null;
                        default -> p.skipChildren();
                    }
                }
            }
            return d;
        }

        private void context(JsonParser p, JsonToken t) throws IOException {
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "amount_usd" -> amount = number(p, v);
                    case "reversible" -> reversible = v == JsonToken.VALUE_TRUE ? Boolean.TRUE
                            : v == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
                    case "data_classes" -> {
                        if (v == JsonToken.START_ARRAY) {
                            for (JsonToken c = p.nextToken(); c != JsonToken.END_ARRAY; c = p.nextToken()) {
                                if (c == JsonToken.START_OBJECT || c == JsonToken.START_ARRAY) {
                                    p.skipChildren();
                                } else {
                                    DataClass.parse(p.getText()).ifPresent(classes::add);
                                }
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        }

        private static Double number(JsonParser p, JsonToken t) throws IOException {
            return t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT ? p.getDoubleValue() : null;
        }

        private static String skip(JsonParser p) throws IOException {
            p.skipChildren();
            return null;
        }
    }
}
