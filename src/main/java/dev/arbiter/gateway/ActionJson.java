package dev.arbiter.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.agent.AgentId;
import dev.arbiter.core.audit.LedgerHealth;
import dev.arbiter.core.decision.AgentGateStatus;
import dev.arbiter.core.decision.Decision;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.decision.Outcome;
import dev.arbiter.core.decision.RequestValidator;
import dev.arbiter.core.policy.ActionName;
import dev.arbiter.core.policy.DataClass;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The JSON of the API: reads and checks request bodies field by field (so an
 * error names the field and what is wrong with it), and writes responses.
 * Unknown fields are ignored; a JSON null counts as absent.
 */
final class ActionJson {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final int MAX_TEXT = 16_384;

    private ActionJson() {
    }

    /** Parses a body that must be one JSON object. */
    static JsonNode object(byte[] body) {
        JsonNode root;
        try (JsonParser parser = FACTORY.createParser(body)) {
            root = MAPPER.readTree(parser);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": ";
            throw ApiError.malformed("the body is not valid JSON (" + where + firstLine(e.getOriginalMessage()) + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || root.isMissingNode()) {
            throw ApiError.malformed("the body is empty; send a JSON object");
        }
        if (!root.isObject()) {
            throw ApiError.malformed("the body must be a JSON object, not " + kind(root));
        }
        return root;
    }

    /**
     * Reads a decision request: JSON types here, values through core's {@link RequestValidator}
     * (the same check the test benches run), so a refused value is {@code 400 INVALID_FIELD} naming
     * the field. The agent id is looked up in its canonical (lower-case) form, see {@link AgentId}.
     */
    static DecisionRequest decisionRequest(JsonNode body) {
        String agentId = requiredText(body, "agent_id", AgentId.MAX_LENGTH);
        String action = requiredText(body, "action", 2 * ActionName.MAX_PART + 1);
        Double confidence = number(body, "confidence", "confidence");
        String target = text(body, "target", 300);
        Double amount = null;
        Set<DataClass> dataClasses = Set.of();
        Boolean reversible = null;
        String contextJson = null;
        JsonNode context = present(body, "context");
        if (context != null) {
            if (!context.isObject()) {
                throw ApiError.invalid("context", "context must be an object, not " + kind(context));
            }
            amount = number(context, "amount_usd", "context.amount_usd");
            dataClasses = dataClasses(context);
            JsonNode rev = present(context, "reversible");
            if (rev != null) {
                if (!rev.isBoolean()) {
                    throw ApiError.invalid("context.reversible", "context.reversible must be true or false");
                }
                reversible = rev.booleanValue();
            }
            contextJson = context.toString();
        }
        DecisionRequest request = new DecisionRequest(AgentId.canonical(agentId), text(body, "session_id", 200),
                action, text(body, "input_summary", MAX_TEXT), text(body, "reasoning", MAX_TEXT), confidence,
                strings(body, "tools_used"), count(body, "tokens_consumed"), target, amount, dataClasses, reversible,
                number(body, "cost_usd", "cost_usd"), contextJson);
        RequestValidator.problemWith(request).ifPresent(p -> {
            throw ApiError.invalid(p.field(), p.message());
        });
        return request;
    }

    static Outcome outcome(JsonNode body) {
        JsonNode output = present(body, "output");
        Outcome outcome = new Outcome(output == null ? null : output.toString(), count(body, "latency_ms"),
                count(body, "tokens_consumed"), number(body, "cost_usd", "cost_usd"));
        RequestValidator.problemWith(outcome).ifPresent(p -> {
            throw ApiError.invalid(p.field(), p.message());
        });
        return outcome;
    }

    private static Set<DataClass> dataClasses(JsonNode context) {
        JsonNode classes = present(context, "data_classes");
        if (classes == null) {
            return Set.of();
        }
        if (!classes.isArray()) {
            throw ApiError.invalid("context.data_classes", "context.data_classes must be an array such as [\"PII\"]");
        }
        Set<DataClass> out = EnumSet.noneOf(DataClass.class);
        for (int i = 0; i < classes.size(); i++) {
            JsonNode c = classes.get(i);
            String field = "context.data_classes[" + i + "]";
            if (!c.isTextual()) {
                throw ApiError.invalid(field, field + " must be a string: PII, PHI, Financial or Public");
            }
            out.add(DataClass.parse(c.textValue()).orElseThrow(() -> ApiError.invalid(field,
                    field + " is \"" + c.textValue() + "\"; use PII, PHI, Financial or Public")));
        }
        return out;
    }

    private static JsonNode present(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v;
    }

    private static String requiredText(JsonNode body, String name, int max) {
        String v = text(body, name, max);
        if (v == null) {
            throw ApiError.missing(name);
        }
        return v;
    }

    private static String text(JsonNode body, String name, int max) {
        JsonNode v = present(body, name);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiError.invalid(name, name + " must be a string, not " + kind(v));
        }
        String s = v.textValue();
        if (s.isBlank()) {
            return null;
        }
        if (s.length() > max) {
            throw ApiError.invalid(name, name + " is longer than " + max + " characters");
        }
        return s;
    }

    private static Double number(JsonNode node, String name, String field) {
        JsonNode v = present(node, name);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            throw ApiError.invalid(field, field + " must be a number, not " + kind(v));
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d)) {
            throw ApiError.invalid(field, field + " is out of range");
        }
        return d;
    }

    /** A whole number (tokens, milliseconds); its range is checked by RequestValidator. */
    private static Long count(JsonNode body, String name) {
        JsonNode v = present(body, name);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber()) {
            throw ApiError.invalid(name, name + " must be a whole number, not " + kind(v));
        }
        if (!v.canConvertToLong()) {
            throw ApiError.invalid(name, name + " is far too large a number (see the limits in docs/openapi.yaml)");
        }
        return v.longValue(); // ranges: RequestValidator
    }

    private static List<String> strings(JsonNode body, String name) {
        JsonNode v = present(body, name);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw ApiError.invalid(name, name + " must be an array of strings");
        }
        List<String> out = new ArrayList<>(v.size());
        Iterator<JsonNode> it = v.elements();
        for (int i = 0; it.hasNext(); i++) {
            JsonNode e = it.next();
            if (!e.isTextual() || e.textValue().length() > 200) {
                throw ApiError.invalid(name + "[" + i + "]", name + "[" + i + "] must be a string of at most 200 "
                        + "characters");
            }
            out.add(e.textValue());
        }
        return out;
    }

    private static String kind(JsonNode v) {
        return switch (v.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "true/false";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> "null";
        };
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    // ---- responses

    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] decision(Decision d) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("trace_id", d.traceId());
            g.writeStringField("decision", d.verdict().wireName());
            g.writeStringField("tier", d.tier() == null ? null : d.tier().wireName());
            if (d.riskScore() == null) {
                g.writeNullField("risk_score");
            } else {
                g.writeNumberField("risk_score", d.riskScore());
            }
            g.writeStringField("reason_code", d.reasonCode().name());
            g.writeStringField("reason", d.reason());
            g.writeStringField("policy", d.policy());
            if (d.policyVersion() == null) {
                g.writeNullField("policy_version");
            } else {
                g.writeNumberField("policy_version", d.policyVersion());
            }
            g.writeStringField("review_due", d.reviewDue() == null ? null : d.reviewDue().toString());
            if (d.reviewer() != null) {
                g.writeStringField("reviewer", d.reviewer());
                g.writeStringField("review_note", d.reviewNote());
            }
            g.writeEndObject();
        });
    }

    static byte[] status(AgentGateStatus s) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("agent_id", s.agentId());
            g.writeBooleanField("kill_switch", s.killSwitch());
            g.writeBooleanField("agent_paused", s.paused());
            if (s.budgetLeftTokens() == null) {
                g.writeNullField("budget_left_tokens");
            } else {
                g.writeNumberField("budget_left_tokens", s.budgetLeftTokens());
            }
            if (s.budgetLeftUsd() == null) {
                g.writeNullField("budget_left_usd");
            } else {
                g.writeNumberField("budget_left_usd", s.budgetLeftUsd());
            }
            g.writeStringField("agent_status", s.status() == null ? null : s.status().wireName());
            g.writeEndObject();
        });
    }

    /** {@code {"trace_id", "status": "checkpoint_pending", "retry_after_seconds"}}: a receipt not ready yet. */
    static byte[] receiptPending(String traceId, long retryAfterSeconds) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("trace_id", traceId);
            g.writeStringField("status", "checkpoint_pending");
            g.writeNumberField("retry_after_seconds", retryAfterSeconds);
            g.writeEndObject();
        });
    }

    static byte[] outcomeRecorded(String traceId) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("trace_id", traceId);
            g.writeBooleanField("recorded", true);
            g.writeEndObject();
        });
    }

    /** {@code {"status": "ok"|"degraded", "version", "reason"?}}: degraded while the ledger cannot be written. */
    static byte[] health(String version, LedgerHealth ledger) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("status", ledger.writable() ? "ok" : "degraded");
            g.writeStringField("version", version);
            if (ledger instanceof LedgerHealth.Failing failing) {
                g.writeStringField("reason", failing.reason());
                g.writeStringField("since", failing.since().toString());
            }
            g.writeEndObject();
        });
    }

    static byte[] error(ApiError e) {
        return write(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeStringField("code", e.code());
            g.writeStringField("message", e.getMessage());
            if (e.field() != null) {
                g.writeStringField("field", e.field());
            }
            g.writeEndObject();
            g.writeEndObject();
        });
    }
}
