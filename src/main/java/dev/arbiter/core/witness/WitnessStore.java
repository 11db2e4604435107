package dev.arbiter.core.witness;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL of {@code witness_log}, {@code witness_log_key} and {@code witness_alarm}: the one place that knows them. */
final class WitnessStore {

    /** A followed log's row: its newest cosigned size, root (base64, null at 0) and note. */
    record Row(String origin, long size, String root, String checkpoint, String updatedAt) {
    }

    private WitnessStore() {
    }

    static Optional<Row> log(Connection c, String origin) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT origin, tree_size, root, checkpoint, updated_at "
                + "FROM witness_log WHERE origin = ?")) {
            ps.setString(1, origin);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    static List<Row> logs(Connection c) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT origin, tree_size, root, checkpoint, updated_at "
                + "FROM witness_log ORDER BY origin"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(row(rs));
            }
        }
        return rows;
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5));
    }

    /** Follows {@code origin} from size 0; false when it is followed already. */
    static boolean follow(Connection c, String origin, String now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO witness_log(origin, tree_size, root, checkpoint, "
                + "updated_at) VALUES (?, 0, NULL, NULL, ?) ON CONFLICT (origin) DO NOTHING")) {
            ps.setString(1, origin);
            ps.setString(2, now);
            return ps.executeUpdate() == 1;
        }
    }

    /** Trusts {@code verifierKey} for {@code origin}; false when it was trusted already. */
    static boolean addKey(Connection c, String origin, String verifierKey, String now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO witness_log_key(origin, verifier_key, added_at) "
                + "VALUES (?, ?, ?) ON CONFLICT (origin, verifier_key) DO NOTHING")) {
            ps.setString(1, origin);
            ps.setString(2, verifierKey);
            ps.setString(3, now);
            return ps.executeUpdate() == 1;
        }
    }

    static List<String> keys(Connection c, String origin) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT verifier_key FROM witness_log_key WHERE origin = ? "
                + "ORDER BY added_at, verifier_key")) {
            ps.setString(1, origin);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        }
        return keys;
    }

    /**
     * Moves {@code origin}'s cosigned checkpoint from {@code expectedSize} to the new one, atomically: false when
     * another request moved it meanwhile (tlog-witness requires the check and the update to be one step).
     */
    static boolean advance(Connection c, String origin, long expectedSize, long size, String root, String checkpoint,
                           String now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE witness_log SET tree_size = ?, root = ?, checkpoint = ?, "
                + "updated_at = ? WHERE origin = ? AND tree_size = ?")) {
            ps.setLong(1, size);
            ps.setString(2, root);
            ps.setString(3, checkpoint);
            ps.setString(4, now);
            ps.setString(5, origin);
            ps.setLong(6, expectedSize);
            return ps.executeUpdate() == 1;
        }
    }

    static long insertAlarm(Connection c, String origin, String now, WitnessAlarm.Kind kind, String message,
                            String cosigned, String offered) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO witness_alarm(origin, detected_at, kind, message, "
                + "cosigned, offered) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
            ps.setString(1, origin);
            ps.setString(2, now);
            ps.setString(3, kind.column());
            ps.setString(4, message);
            ps.setString(5, cosigned);
            ps.setString(6, offered);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static List<WitnessAlarm> alarms(Connection c) throws SQLException {
        List<WitnessAlarm> alarms = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, origin, detected_at, kind, message, cosigned, offered "
                + "FROM witness_alarm ORDER BY id"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                alarms.add(new WitnessAlarm(rs.getLong(1), rs.getString(2), rs.getString(3),
                        WitnessAlarm.Kind.ofColumn(rs.getString(4)), rs.getString(5),
                        Optional.ofNullable(rs.getString(6)), rs.getString(7)));
            }
        }
        return alarms;
    }
}
