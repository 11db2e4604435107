package dev.arbiter.core.policyqa;

import dev.arbiter.core.audit.AuditTime;
import dev.arbiter.core.decision.CountersSeen;
import dev.arbiter.core.policy.DataClass;
import java.io.IOException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * The fields of a decision's (or an outcome's) {@code detail} that a replay reads, in one pass of a
 * {@link JsonCursor} with no tree: the action as sent, the policy and version that decided, the request's
 * confidence, target, cost and {@code context} ({@code amount_usd}, {@code data_classes}, {@code reversible}),
 * and the {@code counters} the decision was judged against, read with the rules of {@link CountersSeen#read}
 * (an unreadable member reads as absent). A member of another type than expected reads as absent; a detail that
 * is not a JSON object reads as empty; one that is not JSON at all throws. Not thread-safe while being filled;
 * read-only after.
 */
final class StoredDetail {

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

    /** Reads a detail's JSON text; an empty detail for null. @throws IOException when it is not JSON */
    static StoredDetail read(String json) throws IOException {
        if (json == null) {
            return new StoredDetail();
        }
        char[] text = json.toCharArray();
        return read(new JsonCursor().reset(text, 0, text.length));
    }

    /** Reads the detail a cursor is set on (its whole text). @throws IOException when it is not JSON */
    static StoredDetail read(JsonCursor c) throws IOException {
        StoredDetail d = new StoredDetail();
        if (c.peek() != '{') {
            return d;
        }
        c.startObject();
        while (c.nextName()) {
            if (c.nameIs("action_sent")) {
                d.actionSent = string(c);
            } else if (c.nameIs("policy")) {
                d.policy = string(c);
            } else if (c.nameIs("policy_version")) {
                d.version = integer(c);
            } else if (c.nameIs("confidence")) {
                d.confidence = number(c);
            } else if (c.nameIs("target")) {
                d.target = string(c);
            } else if (c.nameIs("cost_usd")) {
                d.cost = number(c);
            } else if (c.nameIs("reason")) {
                d.reason = string(c);
            } else if (c.nameIs("context")) {
                d.context(c);
            } else if (c.nameIs(CountersSeen.FIELD)) {
                d.counters = counters(c);
            } else {
                c.skipValue();
            }
        }
        return d;
    }

    /**
     * Puts a data subject's {@code context}, kept beside the ledger as a JSON string literal of the object's
     * text, in place of the null the body holds; a value that does not read leaves the context unknown.
     */
    void openContext(String literal) {
        try {
            char[] outer = literal.toCharArray();
            JsonCursor c = new JsonCursor().reset(outer, 0, outer.length);
            if (c.peek() != '"') {
                return;
            }
            char[] inner = c.string().toCharArray();
            JsonCursor in = new JsonCursor().reset(inner, 0, inner.length);
            if (in.peek() != '{') {
                in.skipValue();
                return;
            }
            context(in);
        } catch (IOException | RuntimeException unreadable) {
            // erased or damaged: the request's context is not known, as for an erased entry
        }
    }

    private void context(JsonCursor c) throws IOException {
        if (c.peek() != '{') {
            c.skipValue();
            return;
        }
        c.startObject();
        while (c.nextName()) {
            if (c.nameIs("amount_usd")) {
                amount = number(c);
            } else if (c.nameIs("reversible")) {
                reversible = c.booleanValue();
                if (reversible == null) {
                    c.skipValue();
                }
            } else if (c.nameIs("data_classes") && c.peek() == '[') {
                c.startArray();
                while (c.nextElement()) {
                    String label = c.scalarText();
                    if (label != null) {
                        DataClass.parse(label).ifPresent(classes::add);
                    }
                }
            } else {
                c.skipValue();
            }
        }
    }

    /** {@code detail.counters} as {@link CountersSeen#read} reads its tree; null when unreadable. */
    private static CountersSeen counters(JsonCursor c) throws IOException {
        if (c.peek() != '{') {
            c.skipValue();
            return null;
        }
        Long tokens = null;
        Double usd = null;
        Integer minute = null;
        Integer hour = null;
        Long autonomous = null;
        String since = null;
        c.startObject();
        while (c.nextName()) {
            if (c.nameIs("tokens_today")) {
                tokens = integral(c);
            } else if (c.nameIs("usd_today")) {
                usd = number(c);
            } else if (c.nameIs("actions_minute")) {
                minute = smallInt(c);
            } else if (c.nameIs("escalations_hour")) {
                hour = smallInt(c);
            } else if (c.nameIs("autonomous")) {
                autonomous = integral(c);
            } else if (c.nameIs("autonomous_since")) {
                since = string(c);
            } else {
                c.skipValue();
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

    /** An integer that fits a long (one that does not reads as absent, as the tree's {@code asLong} would wrap). */
    private static Long integral(JsonCursor c) throws IOException {
        if (!c.numberValue()) {
            c.skipValue();
            return null;
        }
        int kind = c.numberKind();
        return kind == JsonCursor.INT || kind == JsonCursor.LONG ? c.longValue() : null;
    }

    /** An integer that fits an int; anything else reads as absent. */
    private static Integer smallInt(JsonCursor c) throws IOException {
        if (!c.numberValue()) {
            c.skipValue();
            return null;
        }
        return c.numberKind() == JsonCursor.INT ? c.intValue() : null;
    }

    /** An integer (one outside an int is not JSON we wrote: it throws); anything else reads as absent. */
    private static Integer integer(JsonCursor c) throws IOException {
        if (!c.numberValue()) {
            c.skipValue();
            return null;
        }
        return c.numberKind() == JsonCursor.FRACTION ? null : c.intValue();
    }

    private static Double number(JsonCursor c) throws IOException {
        if (!c.numberValue()) {
            c.skipValue();
            return null;
        }
        return c.doubleValue();
    }

    private static String string(JsonCursor c) throws IOException {
        if (c.peek() == '"') {
            return c.string();
        }
        c.skipValue();
        return null;
    }
}
