package dev.arbiter.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The stored body of an entry, which is also exactly what its hash covers: a
 * JSON object with every field in a fixed order, starting with {@code seq} and
 * {@code prev_hash}, so that editing, reordering or re-linking any entry
 * changes a hash. Numbers use {@link Long#toString} / {@link Double#toString},
 * which parse back to the same value. Written by hand, not by a JSON library,
 * so that the bytes can never change with a library upgrade or a setting.
 * One instance per thread (it reuses its buffer and digest).
 */
final class CanonicalForm {

    static final String GENESIS_HASH = "0".repeat(64);
    /** Every body starts with this, then the seq digits. */
    static final String SEQ_PREFIX = "{\"seq\":";
    /** After the seq digits: this, then the 64 hex digits of the previous hash. */
    static final String PREV_PREFIX = ",\"prev_hash\":\"";

    private final StringBuilder buffer = new StringBuilder(512);
    private final MessageDigest sha256;

    CanonicalForm() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    String body(long seq, String prevHash, AuditEntry e) {
        StringBuilder b = buffer;
        b.setLength(0);
        b.append(SEQ_PREFIX).append(seq).append(PREV_PREFIX).append(prevHash).append('"');
        field(b, "trace_id", e.traceId());
        field(b, "agent_id", e.agentId());
        field(b, "session_id", e.sessionId());
        field(b, "timestamp", AuditTime.format(e.timestamp()));
        field(b, "event", e.event());
        field(b, "action", e.action());
        field(b, "input_summary", e.inputSummary());
        field(b, "reasoning", e.reasoning());
        field(b, "output", e.output());
        b.append(",\"tools_used\":");
        JsonText.array(b, e.toolsUsed());
        number(b, "tokens_consumed", e.tokensConsumed());
        number(b, "latency_ms", e.latencyMs());
        b.append(",\"human_override\":").append(e.humanOverride());
        b.append(",\"risk_score\":").append(e.riskScore() == null ? "null" : Double.toString(e.riskScore()));
        field(b, "decision", e.decision());
        field(b, "tier", e.tier());
        field(b, "reason_code", e.reasonCode());
        field(b, "actor", e.actor());
        field(b, "detail", e.detail());
        return b.append('}').toString();
    }

    /**
     * As {@link #body(long, String, AuditEntry)}, with a trailing {@code "personal":} member when
     * {@code personal} (a JSON object's text, see {@link PersonalData}) is not null.
     */
    String body(long seq, String prevHash, AuditEntry e, String personal) {
        String body = body(seq, prevHash, e);
        return personal == null ? body
                : body.substring(0, body.length() - 1) + ",\"" + PersonalData.KEY + "\":" + personal + "}";
    }

    String hash(String body) {
        return hash(body.getBytes(StandardCharsets.UTF_8));
    }

    String hash(byte[] body) {
        return HexFormat.of().formatHex(sha256.digest(body));
    }

    /** True when {@code row[offset..]} (a body) hashes to the hex digits in {@code row[0..offset)}. */
    boolean matches(byte[] row, int offset) {
        sha256.update(row, offset, row.length - offset);
        byte[] digest = sha256.digest();
        for (int i = 0; i < digest.length; i++) {
            int b = digest[i] & 0xff;
            if (row[2 * i] != HEX[b >>> 4] || row[2 * i + 1] != HEX[b & 0xf]) {
                return false;
            }
        }
        return true;
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private static void field(StringBuilder b, String name, String value) {
        b.append(",\"").append(name).append("\":");
        JsonText.string(b, value);
    }

    private static void number(StringBuilder b, String name, Long value) {
        b.append(",\"").append(name).append("\":").append(value == null ? "null" : value.toString());
    }
}
