package dev.arbiter.core.policyqa;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * The fields of a stored ledger body that a replay reads, taken in one streaming pass (no tree, no
 * formatter, the detail parsed where it lies in the body without a copy): what makes a replay read
 * over a hundred thousand entries a CPU-second (issue 19). Numbers are read as the canonical form
 * writes them; the timestamp is the ledger's one format ({@code yyyy-MM-ddTHH:mm:ss.SSSZ}, see
 * {@code AuditTime}), any other spelling is parsed by {@link Instant#parse}.
 *
 * @param detail          the detail's fields a replay reads; null for an event whose detail it does not read
 * @param contextCommitment the commitment to {@code detail.context} when the entry keeps that beside the
 *                        ledger (a data subject's entry, see {@code PersonalData}); null otherwise
 */
record StoredBody(String event, String traceId, String agentId, Instant at, String action, Long tokens,
                  String decision, String tier, String reasonCode, StoredDetail detail, String contextCommitment) {

    private static final JsonFactory JSON = StoredDetail.JSON;
    private static final String CONTEXT = "detail.context";
    /**
     * A decision's event member as the canonical form writes it. Inside a JSON string every quote is escaped, so
     * this text only occurs as a member: a body holding it is a decision.
     */
    private static final String DECISION = "\"event\":\"decision\"";

    /**
     * Reads a body, or skips it early: null when its event is not one of {@code events}, or when it is a
     * {@code decision} whose text does not mention {@code policy} at all (a policy name needs no escaping in
     * JSON, so a decision under it always holds the name; {@code policy} null: no such skip).
     *
     * @param details the events whose detail is read
     * @throws IOException on a body that is not a JSON object (the replay then skips the entry)
     */
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
        if (policy != null && !body.contains(policy) && body.contains(DECISION)) {
            return null; // a decision, and not under the policy: not worth a parse
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
                                || policy != null && "decision".equals(event) && !body.contains(policy)) {
                            return null;
                        }
                    }
                    case "trace_id" -> traceId = text(p, t);
                    case "agent_id" -> agentId = text(p, t);
                    case "timestamp" -> at = t == JsonToken.VALUE_STRING ? instant(p.getText()) : null;
                    case "action" -> action = text(p, t);
                    case "tokens_consumed" -> tokens = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null;
                    case "decision" -> decision = text(p, t);
                    case "tier" -> tier = text(p, t);
                    case "reason_code" -> reasonCode = text(p, t);
                    case "detail" -> {
                        if (t == JsonToken.VALUE_STRING && details.contains(event)) {
                            detail = StoredDetail.read(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
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

    /** The ledger's timestamp format without a formatter; another spelling goes through {@link Instant#parse}. */
    static Instant instant(String s) {
        if (s.length() != 24 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(19) != '.' || s.charAt(23) != 'Z') {
            return Instant.parse(s);
        }
        try {
            long day = LocalDate.of(digits(s, 0, 4), digits(s, 5, 7), digits(s, 8, 10)).toEpochDay();
            int h = digits(s, 11, 13);
            int m = digits(s, 14, 16);
            int sec = digits(s, 17, 19);
            int ms = digits(s, 20, 23);
            if (h > 23 || m > 59 || sec > 59) {
                return Instant.parse(s);
            }
            return Instant.ofEpochMilli(((day * 24 + h) * 60 + m) * 60_000L + sec * 1_000L + ms);
        } catch (RuntimeException e) {
            return Instant.parse(s);
        }
    }

    private static int digits(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException(s);
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
