package dev.arbiter.core.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL of {@code audit_checkpoint} and {@code audit_prune_permit}: the one place
 * that knows their columns. The V9 triggers refuse any row here that does not
 * agree with the {@code audit.pruned} entry retention writes first.
 */
final class CheckpointStore {

    private CheckpointStore() {
    }

    /** Every checkpoint, oldest pruned range first. */
    static List<Checkpoint> all(Connection c) throws SQLException {
        List<Checkpoint> all = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, first_seq, prev_hash, "
                + "archive_file, archive_sha256, pruned_seq FROM audit_checkpoint ORDER BY first_seq, id")) {
            while (rs.next()) {
                long pruned = rs.getLong(6);
                all.add(new Checkpoint(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.wasNull() ? null : pruned));
            }
        }
        return all;
    }

    /** Inserts a checkpoint; returns its id. */
    static long insert(Connection c, Checkpoint checkpoint, String createdAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_checkpoint(first_seq, prev_hash, "
                + "archive_file, archive_sha256, pruned_seq, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
            ps.setLong(1, checkpoint.firstSeq());
            ps.setString(2, checkpoint.prevHash());
            ps.setString(3, checkpoint.archiveFile());
            ps.setString(4, checkpoint.archiveSha256());
            ps.setLong(5, checkpoint.prunedSeq());
            ps.setString(6, createdAt);
            try (ResultSet keys = ps.executeQuery()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /**
     * Deletes the entries up to the checkpoint's range under a permit that lives only inside this call
     * (and so inside the caller's transaction); returns how many were deleted.
     */
    static long deleteUnderPermit(Connection c, long checkpointId, Checkpoint checkpoint, String cutoff)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_prune_permit"
                + "(checkpoint_id, up_to_seq, pruned_seq, cutoff) VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, checkpointId);
            ps.setLong(2, checkpoint.upToSeq());
            ps.setLong(3, checkpoint.prunedSeq());
            ps.setString(4, cutoff);
            ps.executeUpdate();
        }
        long deleted;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM audit_entry WHERE seq <= ?")) {
            ps.setLong(1, checkpoint.upToSeq());
            deleted = ps.executeUpdate();
        }
        try (Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM audit_prune_permit");
        }
        return deleted;
    }

    /** How many prune permits exist outside a retention transaction (there must be none). */
    static long permits(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT COUNT(*) FROM audit_prune_permit")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
