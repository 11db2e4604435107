package dev.arbiter.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies a whole SQLite workspace into an empty PostgreSQL database
 * ({@code arbiter db copy}): every table the target schema has, rows as they
 * are (the ledger's bodies and hashes byte for byte, so the chain verifies on
 * the copy), in one transaction, so a failed copy leaves the target empty.
 *
 * <p>The tables and their order come from the target's catalog, not from a
 * list here, so tables added by later migrations are copied without touching
 * this class. While copying, the target's own triggers (immutability guards,
 * change notices) are disabled inside the transaction: the rows being copied
 * were already checked when they were first written, and a completed
 * assessment's scores could not be inserted otherwise. Foreign keys stay on;
 * parents are copied before children.
 */
public final class WorkspaceCopy {

    /** Tables never copied: each database's own migration history. */
    private static final Set<String> SKIPPED = Set.of(SchemaMigrator.HISTORY_TABLE);
    private static final int BATCH = 500;

    /** Rows copied per table, in copy order. */
    public record Result(Map<String, Long> rows) {
        public long total() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private WorkspaceCopy() {
    }

    /**
     * Copies {@code from} into {@code to}.
     *
     * @throws IllegalStateException when the schemas are at different versions or the target holds data
     * @throws StoreException when a row cannot be written (nothing is kept)
     */
    public static Result copy(Database from, PostgresDatabase to) {
        if (from.schemaVersion() != to.schemaVersion()) {
            throw new IllegalStateException("The source workspace is at schema " + from.schemaVersion()
                    + " and the target database at " + to.schemaVersion()
                    + "; run both with the same Arbiter version");
        }
        return to.write(tx -> {
            Connection target = tx.connection();
            List<String> tables = tablesInCopyOrder(target);
            refuseUnlessEmpty(target, tables, to.describe());
            setTriggers(target, tables, false);
            Map<String, Long> copied = new LinkedHashMap<>();
            for (String table : tables) {
                List<String> columns = insertableColumns(target, table);
                copied.put(table, from.read(source -> copyTable(source, target, table, columns)));
            }
            for (String table : tables) {
                resetIdentities(target, table);
            }
            setTriggers(target, tables, true);
            return new Result(copied);
        });
    }

    private static long copyTable(Connection source, Connection target, String table, List<String> columns)
            throws SQLException {
        String list = String.join(", ", columns);
        long rows = 0;
        try (Statement st = fetching(source.createStatement());
             ResultSet rs = st.executeQuery("SELECT " + list + " FROM " + table);
             PreparedStatement insert = target.prepareStatement("INSERT INTO " + table + " (" + list + ") VALUES ("
                     + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")")) {
            while (rs.next()) {
                for (int i = 1; i <= columns.size(); i++) {
                    insert.setObject(i, rs.getObject(i));
                }
                insert.addBatch();
                if (++rows % BATCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        return rows;
    }

    /** A statement that streams a table of any size (the ledger) rather than holding it whole. */
    private static Statement fetching(Statement st) throws SQLException {
        st.setFetchSize(BATCH);
        return st;
    }

    /** Parents before children, by the target's foreign keys. */
    private static List<String> tablesInCopyOrder(Connection c) throws SQLException {
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                        + " AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            while (rs.next()) {
                if (!SKIPPED.contains(rs.getString(1))) {
                    parents.put(rs.getString(1), new LinkedHashSet<>());
                }
            }
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT child.relname, parent.relname FROM pg_constraint k"
                        + " JOIN pg_class child ON child.oid = k.conrelid JOIN pg_class parent ON parent.oid = k.confrelid"
                        + " WHERE k.contype = 'f' AND child.relnamespace = current_schema()::regnamespace")) {
            while (rs.next()) {
                if (parents.containsKey(rs.getString(1)) && !rs.getString(1).equals(rs.getString(2))) {
                    parents.get(rs.getString(1)).add(rs.getString(2));
                }
            }
        }
        List<String> order = new ArrayList<>();
        while (order.size() < parents.size()) {
            boolean progressed = false;
            for (Map.Entry<String, Set<String>> e : parents.entrySet()) {
                if (!order.contains(e.getKey()) && order.containsAll(e.getValue())) {
                    order.add(e.getKey());
                    progressed = true;
                }
            }
            if (!progressed) {
                throw new SQLException("The foreign keys between tables form a cycle; cannot order the copy");
            }
        }
        return order;
    }

    private static void refuseUnlessEmpty(Connection c, List<String> tables, String where) throws SQLException {
        for (String table : tables) {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table + ")")) {
                if (rs.next() && rs.getBoolean(1)) {
                    throw new IllegalStateException(where + " already holds data (table " + table
                            + "); copy only into a new, empty database (arbiter db migrate creates its schema)");
                }
            }
        }
    }

    private static List<String> insertableColumns(Connection c, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name = ? AND is_generated = 'NEVER'"
                + " ORDER BY ordinal_position")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    /** Identity columns continue after the copied ids, so the next insert does not collide. */
    private static void resetIdentities(Connection c, String table) throws SQLException {
        List<String> identities = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name = ? AND is_identity = 'YES'")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    identities.add(rs.getString(1));
                }
            }
        }
        for (String column : identities) {
            try (Statement st = c.createStatement()) {
                st.execute("SELECT setval(pg_get_serial_sequence('" + table + "', '" + column + "'), "
                        + "COALESCE((SELECT MAX(" + column + ") FROM " + table + "), 0) + 1, false)");
            }
        }
    }

    private static void setTriggers(Connection c, List<String> tables, boolean enabled) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String table : tables) {
                st.execute("ALTER TABLE " + table + (enabled ? " ENABLE" : " DISABLE") + " TRIGGER USER");
            }
        }
    }
}
