package dev.arbiter.core.hold;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** SQL of {@code legal_hold}: the one place that knows its columns. */
final class LegalHoldStore {

    private static final String COLUMNS = "id, agent_id, from_seq, to_seq, reason, created_at, created_by, released_at";

    private LegalHoldStore() {
    }

    static long insert(Connection c, LegalHold h) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO legal_hold(agent_id, from_seq, to_seq, reason, "
                + "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
            if (h.agentId() == null) {
                ps.setNull(1, Types.VARCHAR);
            } else {
                ps.setString(1, h.agentId());
            }
            ps.setLong(2, h.fromSeq());
            ps.setLong(3, h.toSeq());
            ps.setString(4, h.reason());
            ps.setString(5, h.createdAt());
            ps.setString(6, h.createdBy());
            try (ResultSet keys = ps.executeQuery()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Releases an active hold; false when there is no active hold {@code id}. */
    static boolean release(Connection c, long id, String at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE legal_hold SET released_at = ? WHERE id = ? AND released_at IS NULL")) {
            ps.setString(1, at);
            ps.setLong(2, id);
            return ps.executeUpdate() == 1;
        }
    }

    static List<LegalHold> all(Connection c) throws SQLException {
        List<LegalHold> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM legal_hold ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new LegalHold(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8)));
            }
        }
        return out;
    }

    /**
     * The holds as the signed ledger records them ({@code audit.hold.placed} / {@code audit.hold.released} entries,
     * read from their hashed bodies, not from columns), by id in order. A hold whose entries were pruned is absent.
     */
    static java.util.Map<Long, LegalHold> recorded(Connection c) throws SQLException {
        java.util.Map<Long, LegalHold> holds = new java.util.LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT event, body FROM audit_entry WHERE event IN (?, ?) "
                + "ORDER BY seq")) {
            ps.setString(1, LegalHolds.PLACED);
            ps.setString(2, LegalHolds.RELEASED);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    RecordedHold.apply(holds, rs.getString(1), rs.getString(2));
                }
            }
        }
        return holds;
    }

    /** Whether any entry of {@code agentId} lies in {@code fromSeq}..{@code toSeq}. */
    static boolean agentHasEntries(Connection c, String agentId, long fromSeq, long toSeq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM audit_entry WHERE agent_id = ? AND seq >= ? "
                + "AND seq <= ? LIMIT 1")) {
            ps.setString(1, agentId);
            ps.setLong(2, fromSeq);
            ps.setLong(3, toSeq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
