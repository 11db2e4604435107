package dev.arbiter.core.audit;

import dev.arbiter.core.store.Database;
import dev.arbiter.core.store.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Reads the ledger for screens and exports. */
public final class AuditReader {

    private final Database database;

    public AuditReader(Database database) {
        this.database = database;
    }

    /** The newest {@code limit} entries matching, newest first. */
    public List<LedgerEntry> newest(AuditQuery query, int limit) {
        return database.read(c -> {
            List<LedgerEntry> out = new ArrayList<>();
            try (PreparedStatement ps = prepare(c, query, "ORDER BY seq DESC LIMIT " + limit);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(LedgerRows.entry(rs));
                }
            }
            return out;
        });
    }

    /** Every entry of one trace (a decision, its review, its outcome), oldest first. */
    public List<LedgerEntry> forTrace(String traceId) {
        return forTrace(traceId, Integer.MAX_VALUE);
    }

    /** The oldest {@code limit} entries of one trace, oldest first. */
    public List<LedgerEntry> forTrace(String traceId, int limit) {
        return database.read(c -> {
            List<LedgerEntry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + LedgerRows.COLUMNS
                    + " FROM audit_entry WHERE trace_id = ? ORDER BY seq LIMIT ?")) {
                ps.setString(1, traceId);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(LedgerRows.entry(rs));
                    }
                }
            }
            return out;
        });
    }

    /** How many entries match. */
    public long count(AuditQuery query) {
        return database.read(c -> {
            Filter f = Filter.of(query, SqlDialect.of(c));
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM audit_entry" + f.where())) {
                f.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    /** Every matching entry in chain order, streamed (an export of millions needs no memory). */
    public long forEach(AuditQuery query, Consumer<LedgerEntry> sink) {
        return database.read(c -> {
            long n = 0;
            try (PreparedStatement ps = prepare(c, query, "ORDER BY seq")) {
                ps.setFetchSize(2048);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(LedgerRows.entry(rs));
                        n++;
                    }
                }
            }
            return n;
        });
    }

    /**
     * Up to {@code limit} entries with a seq above {@code seq}, in chain order: how a follower (the
     * continuous SIEM export) picks up what any process appended since it last looked.
     */
    public List<LedgerEntry> after(long seq, int limit) {
        return database.read(c -> {
            List<LedgerEntry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + LedgerRows.COLUMNS
                    + " FROM audit_entry WHERE seq > ? ORDER BY seq LIMIT " + Math.max(1, limit))) {
                ps.setLong(1, seq);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(LedgerRows.entry(rs));
                    }
                }
            }
            return out;
        });
    }

    /** An entry exactly as stored and hashed: its seq, hash (64 hex digits) and body. */
    public record StoredRow(long seq, String hash, String body) {
    }

    /**
     * The seqs of the first entry written at or after {@code from} and the last written at or before {@code to}
     * (either null: the ledger's first or last entry): the contiguous range an evidence bundle covers. Empty when
     * no entry lies in between.
     */
    public java.util.Optional<long[]> seqRange(java.time.Instant from, java.time.Instant to) {
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT MIN(seq) FROM audit_entry WHERE timestamp >= ?),"
                    + " (SELECT MAX(seq) FROM audit_entry WHERE timestamp <= ?)")) {
                ps.setString(1, from == null ? "" : AuditTime.format(from));
                ps.setString(2, to == null ? "9999" : AuditTime.format(to));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long first = rs.getLong(1);
                    boolean none = rs.wasNull();
                    long last = rs.getLong(2);
                    none |= rs.wasNull();
                    return none || last < first ? java.util.Optional.<long[]>empty()
                            : java.util.Optional.of(new long[] {first, last});
                }
            }
        });
    }

    /** Entries #{@code fromSeq}..#{@code toSeq} as stored, in chain order, streamed. */
    public long forEachStored(long fromSeq, long toSeq, Consumer<StoredRow> sink) {
        return database.read(c -> {
            long n = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash, body FROM audit_entry WHERE seq >= ? "
                    + "AND seq <= ? ORDER BY seq")) {
                ps.setLong(1, fromSeq);
                ps.setLong(2, toSeq);
                ps.setFetchSize(2048);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(new StoredRow(rs.getLong(1), rs.getString(2), rs.getString(3)));
                        n++;
                    }
                }
            }
            return n;
        });
    }

    /** One stored body handed to a {@link #forEachBody} scan. */
    @FunctionalInterface
    public interface BodySink {
        /**
         * @param seq          the entry's seq
         * @param body         its body as stored and hashed, in UTF-8 (personal fields not opened); the sink may
         *                     keep it
         * @param contextSalt  for a data subject's entry, the salt of its {@code detail.context} kept beside the
         *                     ledger ({@link PersonalData}); null when it keeps none or it was erased
         * @param contextValue the stored value (a JSON string literal) that goes with {@code contextSalt}
         */
        void accept(long seq, byte[] body, String contextSalt, String contextValue);
    }

    /** Rows a streaming scan fetches from the server at a time (PostgreSQL; SQLite steps row by row). */
    static final int SCAN_FETCH = 4096;

    /**
     * Entries #{@code fromSeq}..#{@code toSeq} as stored, in chain order, streamed, each with its
     * {@code detail.context} as kept beside the ledger for a data subject (read by a second scan of that table in
     * the same order and merged, not looked up per entry); only those of {@code agents} when that is not null.
     * Checking a value against the body's commitment is the caller's ({@link PersonalData#opens}). For a scan that
     * reads a few fields of many entries (policy replay, issue 19): a range of the primary key needs no sort, a row
     * is two columns (each column is a call into the driver), the body comes as bytes (no decoding of entries the
     * caller skips), and on PostgreSQL the rows come {@value #SCAN_FETCH} at a time through a cursor, so a range
     * of millions needs no more memory than a few thousand.
     *
     * @return how many bodies were handed to {@code sink}
     */
    public long forEachBody(long fromSeq, long toSeq, java.util.Set<String> agents, BodySink sink) {
        if (agents != null && agents.isEmpty()) {
            return 0;
        }
        StringBuilder sql = new StringBuilder("SELECT seq, body FROM audit_entry WHERE seq >= ? AND seq <= ?");
        List<String> args = agents == null ? List.of() : List.copyOf(agents);
        if (!args.isEmpty()) {
            sql.append(" AND agent_id IN (").append(String.join(", ", java.util.Collections.nCopies(args.size(),
                    "?"))).append(')');
        }
        sql.append(" ORDER BY seq");
        return database.read(c -> {
            long n = 0;
            try (PreparedStatement ps = c.prepareStatement(sql.toString());
                 PreparedStatement personal = c.prepareStatement("SELECT seq, salt, value FROM audit_personal "
                         + "WHERE field = 'detail.context' AND seq >= ? AND seq <= ? ORDER BY seq")) {
                ps.setLong(1, fromSeq);
                ps.setLong(2, toSeq);
                for (int i = 0; i < args.size(); i++) {
                    ps.setString(i + 3, args.get(i));
                }
                ps.setFetchSize(SCAN_FETCH);
                personal.setLong(1, fromSeq);
                personal.setLong(2, toSeq);
                personal.setFetchSize(SCAN_FETCH);
                try (ResultSet rs = ps.executeQuery(); ResultSet ps2 = personal.executeQuery()) {
                    long personalSeq = ps2.next() ? ps2.getLong(1) : Long.MAX_VALUE;
                    while (rs.next()) {
                        long seq = rs.getLong(1);
                        while (personalSeq < seq) {
                            personalSeq = ps2.next() ? ps2.getLong(1) : Long.MAX_VALUE;
                        }
                        if (personalSeq == seq) {
                            sink.accept(seq, rs.getBytes(2), ps2.getString(2), ps2.getString(3));
                        } else {
                            sink.accept(seq, rs.getBytes(2), null, null);
                        }
                        n++;
                    }
                }
            }
            return n;
        });
    }

    /** The distinct agent ids and event types, for filter choices. */
    public List<String> distinct(String column) {
        if (!column.equals("agent_id") && !column.equals("event")) {
            throw new IllegalArgumentException("not a filter column: " + column);
        }
        return database.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT " + column + " FROM audit_entry WHERE "
                    + column + " IS NOT NULL ORDER BY 1"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    private static PreparedStatement prepare(Connection c, AuditQuery query, String tail) throws SQLException {
        Filter f = Filter.of(query, SqlDialect.of(c));
        PreparedStatement ps = c.prepareStatement("SELECT " + LedgerRows.COLUMNS + " FROM audit_entry" + f.where()
                + " " + tail);
        f.bind(ps);
        return ps;
    }

    private record Filter(String where, List<String> args) {
        static Filter of(AuditQuery q, SqlDialect dialect) {
            List<String> clauses = new ArrayList<>();
            List<String> args = new ArrayList<>();
            if (q.from() != null) {
                clauses.add("timestamp >= ?");
                args.add(AuditTime.format(q.from()));
            }
            if (q.to() != null) {
                clauses.add("timestamp <= ?");
                args.add(AuditTime.format(q.to()));
            }
            if (q.maxSeq() != null) {
                clauses.add("seq <= ?");
                args.add(Long.toString(q.maxSeq()));
            }
            if (AuditQuery.given(q.agentId())) {
                clauses.add("agent_id = ?");
                args.add(q.agentId());
            }
            if (AuditQuery.given(q.event())) {
                clauses.add("event = ?");
                args.add(q.event());
            }
            if (AuditQuery.given(q.text())) {
                clauses.add("body " + dialect.caseInsensitiveLike() + " ? ESCAPE '\\'");
                args.add("%" + q.text().trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            }
            return new Filter(clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses), args);
        }

        void bind(PreparedStatement ps) throws SQLException {
            for (int i = 0; i < args.size(); i++) {
                ps.setString(i + 1, args.get(i));
            }
        }
    }
}
