package dev.arbiter.core.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/** SQL of the {@code audit_entry} table: one place that knows its columns. */
final class LedgerRows {

    static final String COLUMNS = "seq, trace_id, agent_id, session_id, timestamp, event, action, input_summary, "
            + "reasoning, output, tools_used, tokens_consumed, latency_ms, human_override, risk_score, decision, "
            + "tier, reason_code, actor, detail, prev_hash, hash";

    static final String INSERT = "INSERT INTO audit_entry(" + COLUMNS + ") VALUES ("
            + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    static final String LAST = "SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private LedgerRows() {
    }

    /** Where the chain starts: after the newest retention checkpoint, else at genesis. */
    static HeadAnchor.Head chainStart(java.sql.Connection c) throws SQLException {
        try (java.sql.Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT first_seq, prev_hash FROM audit_checkpoint ORDER BY first_seq DESC LIMIT 1")) {
            if (rs.next()) {
                return new HeadAnchor.Head(rs.getLong(1) - 1, rs.getString(2));
            }
        }
        return new HeadAnchor.Head(0, CanonicalForm.GENESIS_HASH);
    }

    static void bind(PreparedStatement ps, CanonicalForm.Columns c, String hash) throws SQLException {
        ps.setLong(1, c.seq());
        ps.setString(2, c.traceId());
        ps.setString(3, c.agentId());
        ps.setString(4, c.sessionId());
        ps.setString(5, c.timestamp());
        ps.setString(6, c.event());
        ps.setString(7, c.action());
        ps.setString(8, c.inputSummary());
        ps.setString(9, c.reasoning());
        ps.setString(10, c.output());
        ps.setString(11, c.toolsUsed());
        setLong(ps, 12, c.tokensConsumed());
        setLong(ps, 13, c.latencyMs());
        ps.setInt(14, c.humanOverride() ? 1 : 0);
        if (c.riskScore() == null) {
            ps.setNull(15, Types.REAL);
        } else {
            ps.setDouble(15, c.riskScore());
        }
        ps.setString(16, c.decision());
        ps.setString(17, c.tier());
        ps.setString(18, c.reasonCode());
        ps.setString(19, c.actor());
        ps.setString(20, c.detail());
        ps.setString(21, c.prevHash());
        ps.setString(22, hash);
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setLong(index, value);
        }
    }

    /** Reads the current row (selected with {@link #COLUMNS}) as the verifier hashes it. */
    static CanonicalForm.Columns columns(ResultSet rs) throws SQLException {
        return new CanonicalForm.Columns(rs.getLong(1), rs.getString(21), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getString(9), rs.getString(10), rs.getString(11), getLong(rs, 12), getLong(rs, 13),
                rs.getInt(14) != 0, getDouble(rs, 15), rs.getString(16), rs.getString(17), rs.getString(18),
                rs.getString(19), rs.getString(20));
    }

    static LedgerEntry entry(ResultSet rs) throws SQLException {
        CanonicalForm.Columns c = columns(rs);
        AuditEntry entry = new AuditEntry(c.traceId(), c.agentId(), c.sessionId(), AuditTime.parse(c.timestamp()),
                c.event(), c.action(), c.inputSummary(), c.reasoning(), c.output(), parseTools(c.toolsUsed()),
                c.tokensConsumed(), c.latencyMs(), c.humanOverride(), c.riskScore(), c.decision(), c.tier(),
                c.reasonCode(), c.actor(), c.detail());
        return new LedgerEntry(c.seq(), entry, c.prevHash(), rs.getString(22));
    }

    private static List<String> parseTools(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, STRINGS);
        } catch (java.io.IOException e) {
            return List.of(json);
        }
    }

    private static Long getLong(ResultSet rs, int index) throws SQLException {
        long v = rs.getLong(index);
        return rs.wasNull() ? null : v;
    }

    private static Double getDouble(ResultSet rs, int index) throws SQLException {
        double v = rs.getDouble(index);
        return rs.wasNull() ? null : v;
    }
}
