package dev.arbiter.core.evidence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SQL of {@code checkpoint_cosignature}: the one place that knows its columns. */
final class CosignatureStore {

    /** A stored cosignature line, with the tree size of the checkpoint it cosigns and the witness's key. */
    record Row(long treeSize, String line, String witness) {
    }

    private CosignatureStore() {
    }

    /** Stores a line; false when it was stored already. */
    static boolean insert(Connection c, long size, String line, String witness, String now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO checkpoint_cosignature(tree_size, line, witness, "
                + "imported_at) VALUES (?, ?, ?, ?) ON CONFLICT (tree_size, line) DO NOTHING")) {
            ps.setLong(1, size);
            ps.setString(2, line);
            ps.setString(3, witness);
            ps.setString(4, now);
            return ps.executeUpdate() == 1;
        }
    }

    /** Every stored line by tree size, in the order imported. */
    static Map<Long, List<String>> linesBySize(Connection c) throws SQLException {
        Map<Long, List<String>> out = new LinkedHashMap<>();
        for (Row r : all(c)) {
            out.computeIfAbsent(r.treeSize(), k -> new ArrayList<>()).add(r.line());
        }
        return out;
    }

    /** The lines of the checkpoint of {@code size}. */
    static List<String> lines(Connection c, long size) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT line FROM checkpoint_cosignature WHERE tree_size = ? "
                + "ORDER BY imported_at, line")) {
            ps.setLong(1, size);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
            }
        }
        return lines;
    }

    /** The distinct witness keys (verifier keys) whose lines are stored for the checkpoint of {@code size}. */
    static List<String> witnesses(Connection c, long size) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT witness FROM checkpoint_cosignature "
                + "WHERE tree_size = ? ORDER BY witness")) {
            ps.setLong(1, size);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        }
        return keys;
    }

    static List<Row> all(Connection c) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT tree_size, line, witness FROM checkpoint_cosignature "
                + "ORDER BY tree_size, imported_at, line"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3)));
            }
        }
        return rows;
    }
}
