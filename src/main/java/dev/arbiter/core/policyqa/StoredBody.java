package dev.arbiter.core.policyqa;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * The fields of a stored ledger body that a replay reads, taken in one pass of a strict {@link JsonCursor} over
 * the body's UTF-8 bytes (no general parser, no tree, no formatter; the detail read where it was unescaped):
 * what makes a replay read over a hundred thousand entries a CPU-second (issue 19). The numbers and members are
 * read as the general parser would read them ({@code StoredBodyAgreesWithTheGeneralParserProperties}); the
 * timestamp is the ledger's one format ({@code yyyy-MM-ddTHH:mm:ss.SSSZ}, see {@code AuditTime}), any other
 * spelling is parsed by {@link Instant#parse}.
 *
 * @param detail          the detail's fields a replay reads; null for an event whose detail it does not read
 * @param contextCommitment the commitment to {@code detail.context} when the entry keeps that beside the
 *                        ledger (a data subject's entry, see {@code PersonalData}); null otherwise
 */
record StoredBody(String event, String traceId, String agentId, Instant at, String action, Long tokens,
                  String decision, String tier, String reasonCode, StoredDetail detail, String contextCommitment) {

    private static final String CONTEXT = "detail.context";
    /**
     * A decision's event member as the canonical form writes it. Inside a JSON string every quote is escaped, so
     * this text only occurs as a member: a body holding it is a decision.
     */
    private static final String DECISION = "\"event\":\"decision\"";
    /**
     * The start of a {@code detail.policy} member as it stands in a body (the detail is a JSON string there, so its
     * quotes are escaped): a decision without it records no policy, and is read so that a replay can count it.
     */
    private static final String NAMES_A_POLICY = "\\\"policy\\\":\\\"";

    /**
     * Reads bodies for one replay, reusing its buffers: one per thread.
     */
    static final class Reader {
        private final Set<String> events;
        private final Set<String> details;
        private final String policy;
        private final JsonCursor body = new JsonCursor();
        private final JsonCursor inner = new JsonCursor();
        private char[] chars = new char[2048];

        /**
         * @param events  the events read; a body of another reads as null
         * @param details the events whose detail is read
         * @param policy  a decision that names a policy and whose text does not mention this one at all reads as
         *                null, before any parse (a policy name needs no escaping in JSON, so a decision under it
         *                always holds the name); null: no such skip
         */
        Reader(Set<String> events, Set<String> details, String policy) {
            this.events = events;
            this.details = details;
            this.policy = policy;
        }

        /**
         * Reads a body (UTF-8), or skips it early: null when its event is not one of the events, or when it is a
         * decision under another policy.
         *
         * @throws IOException on a body that is not a JSON object (the replay then skips the entry)
         */
        StoredBody read(byte[] utf8) throws IOException {
            // an ASCII body (nearly every one) becomes a one-byte-per-char string by a plain copy, and the JDK's
            // own search and widening of such strings are vectorised: faster than any loop over the bytes here
            String text = new String(utf8, StandardCharsets.UTF_8);
            // a decision that names a policy, and not this one, is not worth a parse; one that names none is read,
            // so that a replay can say it skipped it (a free-text field holding the member's spelling only hides
            // such a decision from that count)
            boolean otherPolicy = policy != null && !text.contains(policy) && text.contains(NAMES_A_POLICY);
            if (otherPolicy && text.contains(DECISION)) {
                return null;
            }
            int length = text.length();
            if (chars.length < length) {
                chars = new char[Math.max(length, chars.length * 2)];
            }
            text.getChars(0, length, chars, 0);
            JsonCursor c = body.reset(chars, 0, length);
            if (c.peek() != '{') {
                throw new IOException("not a JSON object");
            }
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
            c.startObject();
            while (c.nextName()) {
                if (c.nameIs("event")) {
                    event = c.scalarText();
                    if (event == null || !events.contains(event) || otherPolicy && "decision".equals(event)) {
                        return null;
                    }
                } else if (c.nameIs("trace_id")) {
                    traceId = c.scalarText();
                } else if (c.nameIs("agent_id")) {
                    agentId = c.scalarText();
                } else if (c.nameIs("timestamp")) {
                    if (c.peek() == '"') {
                        at = instant(c.string());
                    } else {
                        c.skipValue();
                        at = null;
                    }
                } else if (c.nameIs("action")) {
                    action = c.scalarText();
                } else if (c.nameIs("tokens_consumed")) {
                    tokens = c.numberValue() ? (c.numberKind() == JsonCursor.FRACTION ? null : c.longValue())
                            : skipped(c);
                } else if (c.nameIs("decision")) {
                    decision = c.scalarText();
                } else if (c.nameIs("tier")) {
                    tier = c.scalarText();
                } else if (c.nameIs("reason_code")) {
                    reasonCode = c.scalarText();
                } else if (c.nameIs("detail")) {
                    if (c.peek() == '"' && event != null && details.contains(event)) {
                        int n = c.stringIntoBuffer();
                        detail = StoredDetail.read(inner.reset(c.buffer(), 0, n));
                    } else {
                        c.skipValue();
                    }
                } else if (c.nameIs("personal")) {
                    commitment = commitment(c);
                } else {
                    c.skipValue();
                }
            }
            return event == null ? null : new StoredBody(event, traceId, agentId, at, action, tokens, decision,
                    tier, reasonCode, detail, commitment);
        }
    }

    private static <T> T skipped(JsonCursor c) throws IOException {
        c.skipValue();
        return null;
    }

    /** The {@code detail.context} commitment in a {@code personal} object, or null. */
    private static String commitment(JsonCursor c) throws IOException {
        if (c.peek() != '{') {
            c.skipValue();
            return null;
        }
        String found = null;
        c.startObject();
        while (c.nextName()) {
            if (c.nameIs(CONTEXT) && c.peek() == '"') {
                found = c.string();
            } else {
                c.skipValue();
            }
        }
        return found;
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
