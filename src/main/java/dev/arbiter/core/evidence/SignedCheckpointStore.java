package dev.arbiter.core.evidence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL of {@code signed_checkpoint}: the one place that knows its columns. */
final class SignedCheckpointStore {

    /** A stored row: the tree size and the signed note as written. */
    record Row(long treeSize, String note) {
    }

    private SignedCheckpointStore() {
    }

    /** Stores a note for {@code size}; false when one for that size exists already (another writer won). */
    static boolean insert(Connection c, long size, String note, String createdAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO signed_checkpoint(tree_size, note, created_at) "
                + "VALUES (?, ?, ?) ON CONFLICT (tree_size) DO NOTHING")) {
            ps.setLong(1, size);
            ps.setString(2, note);
            ps.setString(3, createdAt);
            return ps.executeUpdate() == 1;
        }
    }

    /** Every checkpoint, smallest tree first. */
    static List<Row> all(Connection c) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT tree_size, note FROM signed_checkpoint ORDER BY tree_size");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new Row(rs.getLong(1), rs.getString(2)));
            }
        }
        return rows;
    }

    /** The largest checkpoint, if any. */
    static Optional<Row> latest(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT tree_size, note FROM signed_checkpoint ORDER BY tree_size DESC LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new Row(rs.getLong(1), rs.getString(2))) : Optional.empty();
        }
    }

    /**
     * The smallest checkpoint covering entry {@code seq} that a witness cosigned (a cosignature imported for its
     * size), else the smallest covering one; empty when none covers it.
     */
    static Optional<Row> coveringPreferCosigned(Connection c, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT s.tree_size, s.note FROM signed_checkpoint s "
                + "WHERE s.tree_size >= ? ORDER BY CASE WHEN EXISTS (SELECT 1 FROM checkpoint_cosignature w "
                + "WHERE w.tree_size = s.tree_size) THEN 0 ELSE 1 END, s.tree_size LIMIT 1")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Row(rs.getLong(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    /** The smallest checkpoint covering entry {@code seq} (tree size ≥ seq), if any. */
    static Optional<Row> covering(Connection c, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT tree_size, note FROM signed_checkpoint "
                + "WHERE tree_size >= ? ORDER BY tree_size LIMIT 1")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Row(rs.getLong(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    /** The largest checkpoint's note and when it was stored ({@code created_at}, ISO-8601 UTC), if any. */
    static Optional<String[]> newestWithTime(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT note, created_at FROM signed_checkpoint ORDER BY tree_size DESC LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2)}) : Optional.empty();
        }
    }
}
