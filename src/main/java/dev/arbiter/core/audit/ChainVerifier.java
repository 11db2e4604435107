package dev.arbiter.core.audit;

import dev.arbiter.core.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Walks the ledger in {@code seq} order and checks, for every entry, that its
 * seq follows the previous one (a gap is a deleted entry), that it links to the
 * previous entry's hash (a break is an inserted or reordered entry) and that
 * its own hash matches its content (a mismatch is an edited entry). Finally the
 * head anchor's entry must be present with the anchored hash (else the tail
 * was cut off). Stops at, and names, the first problem.
 */
public final class ChainVerifier {

    /** Told how far the walk is, about every 10,000 entries. */
    @FunctionalInterface
    public interface Progress {
        void update(long done, long total);
    }

    private static final int REPORT_EVERY = 10_000;

    private final Database database;
    private final HeadAnchor anchor;

    public ChainVerifier(Database database, HeadAnchor anchor) {
        this.database = database;
        this.anchor = anchor;
    }

    public VerificationResult verify() {
        return verify((done, total) -> { }, () -> false);
    }

    public VerificationResult verify(Progress progress, BooleanSupplier cancelled) {
        return database.read(c -> walk(c, progress, cancelled));
    }

    private VerificationResult walk(Connection c, Progress progress, BooleanSupplier cancelled) throws SQLException {
        long total = count(c);
        HeadAnchor.Head start = LedgerRows.chainStart(c);
        long expectedSeq = start.seq() + 1;
        String expectedPrev = start.hash();
        long checked = 0;
        CanonicalForm form = new CanonicalForm();
        try (Statement st = c.createStatement()) {
            st.setFetchSize(4096);
            try (ResultSet rs = st.executeQuery("SELECT " + LedgerRows.COLUMNS + " FROM audit_entry ORDER BY seq")) {
                while (rs.next()) {
                    CanonicalForm.Columns row = LedgerRows.columns(rs);
                    String storedHash = rs.getString(22);
                    if (row.seq() != expectedSeq) {
                        return new VerificationResult.Broken(checked, expectedSeq, "Entry #" + expectedSeq
                                + " is missing: the ledger jumps from #" + (expectedSeq - 1) + " to #" + row.seq()
                                + " (entries were deleted).");
                    }
                    if (!row.prevHash().equals(expectedPrev)) {
                        return new VerificationResult.Broken(checked, row.seq(), "Entry #" + row.seq()
                                + describe(row) + " does not link to entry #" + (row.seq() - 1)
                                + ": an entry was inserted, removed or reordered here.");
                    }
                    if (!form.hash(row).equals(storedHash)) {
                        return new VerificationResult.Broken(checked, row.seq(), "Entry #" + row.seq()
                                + describe(row) + " was altered: its content no longer matches its hash.");
                    }
                    expectedPrev = storedHash;
                    expectedSeq++;
                    checked++;
                    if (checked % REPORT_EVERY == 0) {
                        progress.update(checked, total);
                        if (cancelled.getAsBoolean()) {
                            return new VerificationResult.Broken(checked, expectedSeq, "Verification was cancelled.");
                        }
                    }
                }
            }
        }
        progress.update(checked, total);
        return checkAnchor(c, checked, expectedSeq - 1);
    }

    private VerificationResult checkAnchor(Connection c, long checked, long lastSeq) throws SQLException {
        Optional<HeadAnchor.Head> head = anchor.read();
        if (head.isEmpty()) {
            if (lastSeq == 0) {
                return new VerificationResult.Intact(0, 0);
            }
            return new VerificationResult.Broken(checked, lastSeq, "The head anchor " + anchor.file()
                    + " is missing, so a cut-off tail cannot be ruled out (last entry #" + lastSeq + ").");
        }
        HeadAnchor.Head anchored = head.get();
        if (anchored.seq() < 0) {
            return new VerificationResult.Broken(checked, lastSeq, "The head anchor " + anchor.file()
                    + " cannot be read.");
        }
        if (anchored.seq() > lastSeq) {
            return new VerificationResult.Broken(checked, lastSeq + 1, "Entries #" + (lastSeq + 1) + " to #"
                    + anchored.seq() + " are missing: the ledger ends at #" + lastSeq
                    + " but its head anchor names #" + anchored.seq() + " (the tail was cut off).");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT hash FROM audit_entry WHERE seq = ?")) {
            ps.setLong(1, anchored.seq());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && !rs.getString(1).equals(anchored.hash())) {
                    return new VerificationResult.Broken(checked, anchored.seq(), "Entry #" + anchored.seq()
                            + " is not the entry the head anchor recorded: the chain was rewritten from there.");
                }
            }
        }
        return new VerificationResult.Intact(checked, lastSeq);
    }

    private static String describe(CanonicalForm.Columns row) {
        StringBuilder s = new StringBuilder(" (").append(row.event());
        if (row.traceId() != null) {
            s.append(", trace ").append(row.traceId());
        }
        return s.append(", ").append(row.timestamp()).append(')').toString();
    }

    private static long count(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM audit_entry")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
