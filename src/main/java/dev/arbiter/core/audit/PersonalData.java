package dev.arbiter.core.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Keeps the personal fields of an entry written for a data subject out of its hashed body, so that they can be
 * erased later (GDPR Art. 17) without breaking any hash.
 *
 * <p>The personal fields are {@link #FIELDS}: the agent's input summary, its reasoning, its output and the
 * {@code context} member of {@code detail} (the agent's context object, where MCP tool arguments are recorded
 * too). For each one that is not null, the body holds null in its place and, in a trailing
 * {@code "personal":{field: commitment}} object, the commitment {@code hex(SHA-256(salt ‖ value))}, where
 * {@code salt} is 32 random bytes and {@code value} is the UTF-8 bytes of the field's text written as a JSON string
 * literal (so a lone surrogate survives the database; see {@link LoneSurrogates}). The salt makes the commitment
 * useless for guessing a value (an e-mail address has little entropy). The value and salt are stored in
 * {@code audit_personal} under the subject; erasure deletes them. The chain hashes bodies only, so it verifies the
 * same before and after; an auditor given a value and its salt can check it against the signed body.
 *
 * <p>No agent text can forge a {@code personal} object: every field the canonical form writes from an entry is a
 * JSON string, and only this class adds the object.
 */
public final class PersonalData {

    /** The personal fields, in the order their commitments are written; {@code detail.context} is nested. */
    public static final List<String> FIELDS = List.of("input_summary", "reasoning", "output", "detail.context");
    /** What an erased field reads as in screens and exports. */
    public static final String ERASED = "[erased]";
    /** What a field reads as when its stored value does not open its commitment (the table was tampered with). */
    public static final String ALTERED = "[altered: does not match the signed entry]";
    /** The body key of the commitments. */
    static final String KEY = "personal";
    /**
     * The commitment to the data subject, stored as one more row of {@code audit_personal} whose value is the
     * subject's id as a JSON string literal: with it, editing a row's {@code subject_id} (to dodge an erasure, or to
     * have another person's fields erased) no longer matches the signed body. Written after the personal fields'
     * commitments, only when there is at least one; entries written before it carry none.
     */
    static final String SUBJECT = "subject";

    private static final String CONTEXT = "context";
    private static final int SALT_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private PersonalData() {
    }

    /**
     * One personal field as stored beside the ledger.
     *
     * @param field      one of {@link #FIELDS}
     * @param salt       64 hex digits
     * @param literal    the field's text as a JSON string literal
     * @param commitment 64 hex digits, {@code SHA-256(salt ‖ literal)}
     */
    public record Value(String field, String salt, String literal, String commitment) {
    }

    /**
     * An entry made ready for hashing.
     *
     * @param kept        the entry with its personal fields null (the entry itself when it names no subject)
     * @param commitments the {@code personal} object's JSON text, null when there is none
     * @param values      what goes into {@code audit_personal}
     */
    record Split(AuditEntry kept, String commitments, List<Value> values) {
    }

    /** Splits the personal fields off an entry that names a subject; other entries pass unchanged. */
    static Split split(AuditEntry e) {
        if (e.subjectId() == null) {
            return new Split(e, null, List.of());
        }
        List<Value> values = new ArrayList<>(FIELDS.size());
        add(values, "input_summary", e.inputSummary());
        add(values, "reasoning", e.reasoning());
        add(values, "output", e.output());
        String detail = e.detail();
        ObjectNode parsed = objectOrNull(detail);
        if (parsed != null && parsed.hasNonNull(CONTEXT)) {
            add(values, "detail.context", parsed.get(CONTEXT).toString());
            parsed.set(CONTEXT, NullNode.getInstance());
            detail = parsed.toString();
        }
        if (values.isEmpty()) {
            return new Split(e, null, values);
        }
        add(values, SUBJECT, e.subjectId());
        StringBuilder commitments = new StringBuilder("{");
        for (Value v : values) {
            if (commitments.length() > 1) {
                commitments.append(',');
            }
            commitments.append('"').append(v.field()).append("\":\"").append(v.commitment()).append('"');
        }
        AuditEntry kept = new AuditEntry(e.traceId(), e.agentId(), e.sessionId(), e.timestamp(), e.event(),
                e.action(), null, null, null, e.toolsUsed(), e.tokensConsumed(), e.latencyMs(), e.humanOverride(),
                e.riskScore(), e.decision(), e.tier(), e.reasonCode(), e.actor(), detail, e.subjectId());
        return new Split(kept, commitments.append('}').toString(), values);
    }

    /**
     * The entry read from a body with a {@code personal} object, its fields filled from the stored values that
     * open their commitments: {@link #ERASED} where the value is gone, {@link #ALTERED} where it does not open.
     *
     * @param stored   the entry as the body reads (personal fields null)
     * @param personal the body's {@code personal} object
     * @param opened   the stored values by field ({@link Value#commitment()} unused), and the subject
     */
    static AuditEntry open(AuditEntry stored, JsonNode personal, Map<String, Value> opened, String subjectId) {
        String inputSummary = text(personal, opened, "input_summary");
        String reasoning = text(personal, opened, "reasoning");
        String output = text(personal, opened, "output");
        String detail = stored.detail();
        if (personal.has("detail.context")) {
            ObjectNode parsed = objectOrNull(detail);
            if (parsed != null) {
                String context = text(personal, opened, "detail.context");
                parsed.set(CONTEXT, context == null ? NullNode.getInstance()
                        : context.equals(ERASED) || context.equals(ALTERED) ? TextNode.valueOf(context)
                        : jsonOrText(context));
                detail = parsed.toString();
            }
        }
        return new AuditEntry(stored.traceId(), stored.agentId(), stored.sessionId(), stored.timestamp(),
                stored.event(), stored.action(), inputSummary, reasoning, output, stored.toolsUsed(),
                stored.tokensConsumed(), stored.latencyMs(), stored.humanOverride(), stored.riskScore(),
                stored.decision(), stored.tier(), stored.reasonCode(), stored.actor(), detail, subjectId);
    }

    /** True when {@code literal} with {@code salt} (hex) hashes to {@code commitment} (hex). */
    public static boolean opens(String salt, String literal, String commitment) {
        return commitment.equals(commit(HexFormat.of().parseHex(salt), literal));
    }

    /** The subject id a {@link #SUBJECT} row's value (a JSON string literal) names, or null when it names none. */
    static String subjectIn(String literal) {
        try {
            JsonNode n = JSON.readTree(literal);
            return n != null && n.isTextual() ? n.asText() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The commitment a stored body holds for {@code field}, or null when it holds none (or does not parse). */
    static String commitmentIn(String body, String field) {
        try {
            JsonNode commitment = JSON.readTree(body).path(KEY).get(field);
            return commitment != null && commitment.isTextual() ? commitment.asText() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String text(JsonNode personal, Map<String, Value> opened, String field) {
        JsonNode commitment = personal.get(field);
        if (commitment == null || !commitment.isTextual()) {
            return null;
        }
        Value v = opened.get(field);
        if (v == null) {
            return ERASED;
        }
        if (!opens(v.salt(), v.literal(), commitment.asText())) {
            return ALTERED;
        }
        try {
            return JSON.readTree(v.literal()).asText();
        } catch (JsonProcessingException e) {
            return ALTERED;
        }
    }

    private static void add(List<Value> values, String field, String text) {
        if (text == null) {
            return;
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        StringBuilder literal = new StringBuilder(text.length() + 2);
        JsonText.string(literal, text);
        String l = literal.toString();
        values.add(new Value(field, HexFormat.of().formatHex(salt), l, commit(salt, l)));
    }

    private static String commit(byte[] salt, String literal) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            return HexFormat.of().formatHex(sha256.digest(literal.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static ObjectNode objectOrNull(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json) instanceof ObjectNode o ? o : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static JsonNode jsonOrText(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(json);
        }
    }
}
