package dev.arbiter.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The bytes an entry's hash is computed over: a JSON object with every stored
 * field in a fixed order, including {@code seq} and {@code prev_hash}, so that
 * editing, reordering or re-linking any entry changes a hash. Numbers are
 * written with {@link Long#toString} / {@link Double#toString} of the values
 * SQLite returns, which round-trip exactly. One instance per thread (it reuses
 * its buffer and digest).
 */
final class CanonicalForm {

    static final String GENESIS_HASH = "0".repeat(64);

    private final StringBuilder buffer = new StringBuilder(512);
    private final MessageDigest sha256;

    CanonicalForm() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The stored column values of one entry, as they are hashed. */
    record Columns(long seq, String prevHash, String traceId, String agentId, String sessionId, String timestamp,
                   String event, String action, String inputSummary, String reasoning, String output,
                   String toolsUsed, Long tokensConsumed, Long latencyMs, boolean humanOverride,
                   Double riskScore, String decision, String tier, String reasonCode, String actor,
                   String detail) {

        static Columns of(long seq, String prevHash, AuditEntry e) {
            return new Columns(seq, prevHash, e.traceId(), e.agentId(), e.sessionId(),
                    AuditTime.format(e.timestamp()), e.event(), e.action(), e.inputSummary(), e.reasoning(),
                    e.output(), JsonText.array(e.toolsUsed()), e.tokensConsumed(), e.latencyMs(),
                    e.humanOverride(), e.riskScore(), e.decision(), e.tier(), e.reasonCode(), e.actor(),
                    e.detail());
        }
    }

    String hash(Columns c) {
        StringBuilder b = buffer;
        b.setLength(0);
        b.append("{\"seq\":").append(c.seq());
        field(b, "prev_hash", c.prevHash());
        field(b, "trace_id", c.traceId());
        field(b, "agent_id", c.agentId());
        field(b, "session_id", c.sessionId());
        field(b, "timestamp", c.timestamp());
        field(b, "event", c.event());
        field(b, "action", c.action());
        field(b, "input_summary", c.inputSummary());
        field(b, "reasoning", c.reasoning());
        field(b, "output", c.output());
        field(b, "tools_used", c.toolsUsed());
        b.append(",\"tokens_consumed\":").append(c.tokensConsumed() == null ? "null" : c.tokensConsumed().toString());
        b.append(",\"latency_ms\":").append(c.latencyMs() == null ? "null" : c.latencyMs().toString());
        b.append(",\"human_override\":").append(c.humanOverride());
        b.append(",\"risk_score\":").append(c.riskScore() == null ? "null" : Double.toString(c.riskScore()));
        field(b, "decision", c.decision());
        field(b, "tier", c.tier());
        field(b, "reason_code", c.reasonCode());
        field(b, "actor", c.actor());
        field(b, "detail", c.detail());
        b.append('}');
        byte[] digest = sha256.digest(b.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }

    private static void field(StringBuilder b, String name, String value) {
        b.append(",\"").append(name).append("\":");
        JsonText.string(b, value);
    }
}
