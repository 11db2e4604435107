package dev.arbiter.core.policyqa;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.arbiter.core.audit.AuditTime;
import dev.arbiter.core.decision.CountersSeen;
import dev.arbiter.core.policy.DataClass;
import java.io.IOException;
import java.time.Instant;
import java.util.Set;

/**
 * The oracle of {@link StoredBodyAgreesWithTheGeneralParserProperties}: the fields a replay reads, taken from a
 * body with the general JSON parser (Jackson's streaming parser), as replay read them before its own reader.
 */
final class GeneralParserReading {

    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();
    private static final String CONTEXT = "detail.context";
    private static final String DECISION = "\"event\":\"decision\"";

    private GeneralParserReading() {
    }

    static StoredDetail detail(String json) throws IOException {
        StoredDetail d = new StoredDetail();
        try (JsonParser p = JSON.createParser(json)) {
            fill(d, p);
        }
        return d;
    }

    static StoredBody read(String body, Set<String> events, Set<String> details, String policy) throws IOException {
        String event = null;
        String traceId = null;
        String agentId = null;
        Instant at = null;
        String action = null;
        Long tokens = null;
        String decision = null;
        String tier = null;
        String reasonCode = null;
        StoredDetail detail = null;
        String commitment = null;
        // a decision under another policy is not worth a parse; one that names none is read (a replay counts it)
        boolean otherPolicy = policy != null && !body.contains(policy) && body.contains("\\\"policy\\\":\\\"");
        if (otherPolicy && body.contains(DECISION)) {
            return null;
        }
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "event" -> {
                        event = text(p, t);
                        if (event == null || !events.contains(event)
                                || otherPolicy && "decision".equals(event)) {
                            return null;
                        }
                    }
                    case "trace_id" -> traceId = text(p, t);
                    case "agent_id" -> agentId = text(p, t);
                    case "timestamp" -> at = t == JsonToken.VALUE_STRING ? StoredBody.instant(p.getText()) : null;
                    case "action" -> action = text(p, t);
                    case "tokens_consumed" -> tokens = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null;
                    case "decision" -> decision = text(p, t);
                    case "tier" -> tier = text(p, t);
                    case "reason_code" -> reasonCode = text(p, t);
                    case "detail" -> {
                        if (t == JsonToken.VALUE_STRING && details.contains(event)) {
                            detail = detail(new String(p.getTextCharacters(), p.getTextOffset(), p.getTextLength()));
                        } else {
                            p.skipChildren();
                        }
                    }
                    case "personal" -> commitment = commitment(p, t);
                    default -> p.skipChildren();
                }
            }
        }
        return event == null ? null : new StoredBody(event, traceId, agentId, at, action, tokens, decision, tier,
                reasonCode, detail, commitment);
    }

    /** The {@code detail.context} commitment in a {@code personal} object, or null. */
    private static String commitment(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        String found = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (CONTEXT.equals(name) && v == JsonToken.VALUE_STRING) {
                found = p.getText();
            } else {
                p.skipChildren();
            }
        }
        return found;
    }

    private static String text(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            p.skipChildren();
            return null;
        }
        return p.getText();
    }

    private static void fill(StoredDetail d, JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "action_sent" -> d.actionSent = dtext(p, t);
                case "policy" -> d.policy = dtext(p, t);
                case "policy_version" -> d.version = t == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : skip(p);
                case "confidence" -> d.confidence = number(p, t);
                case "target" -> d.target = dtext(p, t);
                case "cost_usd" -> d.cost = number(p, t);
                case "reason" -> d.reason = dtext(p, t);
                case "context" -> context(d, p, t);
                case CountersSeen.FIELD -> d.counters = counters(p, t);
                default -> p.skipChildren();
            }
        }
    }

    private static void context(StoredDetail d, JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "amount_usd" -> d.amount = number(p, v);
                case "reversible" -> d.reversible = v == JsonToken.VALUE_TRUE ? Boolean.TRUE
                        : v == JsonToken.VALUE_FALSE ? Boolean.FALSE : skip(p);
                case "data_classes" -> {
                    if (v == JsonToken.START_ARRAY) {
                        for (JsonToken c = p.nextToken(); c != JsonToken.END_ARRAY; c = p.nextToken()) {
                            if (c == JsonToken.START_OBJECT || c == JsonToken.START_ARRAY) {
                                p.skipChildren();
                            } else {
                                DataClass.parse(p.getText()).ifPresent(d.classes::add);
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

    /** {@code detail.counters} as {@link CountersSeen#read} reads its tree, streamed; null when unreadable. */
    private static CountersSeen counters(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        Long tokens = null;
        Double usd = null;
        Integer minute = null;
        Integer hour = null;
        Long autonomous = null;
        String since = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "tokens_today" -> tokens = v == JsonToken.VALUE_NUMBER_INT ? integral(p) : skip(p);
                case "usd_today" -> usd = number(p, v);
                case "actions_minute" -> minute = isInt(p, v) ? p.getIntValue() : skip(p);
                case "escalations_hour" -> hour = isInt(p, v) ? p.getIntValue() : skip(p);
                case "autonomous" -> autonomous = v == JsonToken.VALUE_NUMBER_INT ? integral(p) : skip(p);
                case "autonomous_since" -> since = dtext(p, v);
                default -> p.skipChildren();
            }
        }
        if (tokens == null || usd == null) {
            return null;
        }
        try {
            Instant at = since == null ? null : AuditTime.parse(since);
            return new CountersSeen(tokens, usd, minute, hour, autonomous, at);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** An integer the tree reads as a long (one that does not fit reads as absent, as its {@code asLong} would wrap). */
    private static Long integral(JsonParser p) throws IOException {
        JsonParser.NumberType type = p.getNumberType();
        return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG ? p.getLongValue()
                : (Long) null;
    }

    private static boolean isInt(JsonParser p, JsonToken t) throws IOException {
        return t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT;
    }

    private static Double number(JsonParser p, JsonToken t) throws IOException {
        return t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT ? p.getDoubleValue() : skip(p);
    }

    private static String dtext(JsonParser p, JsonToken t) throws IOException {
        return t == JsonToken.VALUE_STRING ? p.getText() : skip(p);
    }

    /** Skips a value of another type than expected; reads as absent. */
    private static <T> T skip(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }
}
