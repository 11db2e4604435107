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
import java.util.EnumSet;
import java.util.Set;

/**
 * The fields of a decision's (or an outcome's) {@code detail} that a replay reads, in one streaming pass with
 * no tree: the action as sent, the policy and version that decided, the request's confidence, target, cost and
 * {@code context} ({@code amount_usd}, {@code data_classes}, {@code reversible}), and the {@code counters} the
 * decision was judged against, read with the rules of {@link CountersSeen#read} (an unreadable member reads as
 * absent). Not thread-safe while being filled; read-only after.
 */
final class StoredDetail {

    /** One parser factory for every read (a factory is thread-safe and caches its symbol tables). */
    static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

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

    /** Reads a detail's JSON text; an empty detail for null. */
    static StoredDetail read(String json) throws IOException {
        StoredDetail d = new StoredDetail();
        if (json != null) {
            try (JsonParser p = JSON.createParser(json)) {
                d.fill(p);
            }
        }
        return d;
    }

    /** Reads a detail's JSON text from {@code length} chars of {@code text} at {@code offset} (no copy). */
    static StoredDetail read(char[] text, int offset, int length) throws IOException {
        StoredDetail d = new StoredDetail();
        try (JsonParser p = JSON.createParser(text, offset, length)) {
            d.fill(p);
        }
        return d;
    }

    /**
     * Puts a data subject's {@code context}, kept beside the ledger as a JSON string literal of the object's
     * text, in place of the null the body holds; a value that does not read leaves the context unknown.
     */
    void openContext(String literal) {
        try (JsonParser outer = JSON.createParser(literal)) {
            if (outer.nextToken() != JsonToken.VALUE_STRING) {
                return;
            }
            try (JsonParser p = JSON.createParser(outer.getTextCharacters(), outer.getTextOffset(),
                    outer.getTextLength())) {
                context(p, p.nextToken());
            }
        } catch (IOException | RuntimeException unreadable) {
            // erased or damaged: the request's context is not known, as for an erased entry
        }
    }

    private void fill(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "action_sent" -> actionSent = text(p, t);
                case "policy" -> policy = text(p, t);
                case "policy_version" -> version = t == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : skip(p);
                case "confidence" -> confidence = number(p, t);
                case "target" -> target = text(p, t);
                case "cost_usd" -> cost = number(p, t);
                case "reason" -> reason = text(p, t);
                case "context" -> context(p, t);
                case CountersSeen.FIELD -> counters = counters(p, t);
                default -> p.skipChildren();
            }
        }
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
                        : v == JsonToken.VALUE_FALSE ? Boolean.FALSE : skip(p);
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
                case "autonomous_since" -> since = text(p, v);
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

    private static String text(JsonParser p, JsonToken t) throws IOException {
        return t == JsonToken.VALUE_STRING ? p.getText() : skip(p);
    }

    /** Skips a value of another type than expected; reads as absent. */
    private static <T> T skip(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }
}
