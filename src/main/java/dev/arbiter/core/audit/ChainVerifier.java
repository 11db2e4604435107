package dev.arbiter.core.audit;

import dev.arbiter.core.store.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks the ledger in {@code seq} order and proves three things for every
 * entry: its seq follows the previous one (a gap is a deleted entry), its body
 * names that seq and links to the previous entry's hash (otherwise entries
 * were inserted, removed or reordered), and its hash is the SHA-256 of its
 * body (otherwise it was edited). The pruned part before the chain's start
 * must be proven by its retention checkpoints and archives
 * ({@link ArchiveVerifier}), no prune permit may be left over, and the head
 * anchor's entry must be present with the anchored hash, in the ledger or in
 * an archive (otherwise the tail was cut off), and every personal value kept beside an entry must open the
 * commitment its body holds ({@link PersonalData}). Names the first problem; an
 * intact ledger still reports each recorded reset of the head anchor.
 *
 * <p>The order checks are cheap and run on the reading thread; hashing is the
 * expensive part and runs on the other cores in batches, so verification is
 * bound by how fast SQLite hands out rows.
 */
public final class ChainVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(ChainVerifier.class);

    /** Told how far the walk is, about every 10,000 entries. */
    @FunctionalInterface
    public interface Progress {
        void update(long done, long total);
    }

    private static final int REPORT_EVERY = 10_000;
    private static final int HASH_LENGTH = 64;
    private static final byte[] SEQ_PREFIX = CanonicalForm.SEQ_PREFIX.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PREV_PREFIX = CanonicalForm.PREV_PREFIX.getBytes(StandardCharsets.US_ASCII);
    private static final int BATCH = 4_096;
    private static final int BATCHES_IN_FLIGHT = 8;

    private final Database database;
    private final HeadAnchor anchor;
    private final ArchiveVerifier archives;

    /**
     * @param archiveDir where retention wrote its archives (checkpoints name files in it)
     */
    public ChainVerifier(Database database, HeadAnchor anchor, Path archiveDir) {
        this.database = database;
        this.anchor = anchor;
        this.archives = new ArchiveVerifier(archiveDir);
    }

    public VerificationResult verify() {
        return verify((done, total) -> { }, () -> false);
    }

    public VerificationResult verify(Progress progress, BooleanSupplier cancelled) {
        // The anchor is read before the entries: it is rewritten only after its entry committed, so every
        // entry it names is visible to the read that follows. Read after, an entry appended meanwhile by
        // any writer (a gateway, the alert detector) would look like a cut-off tail.
        HeadAnchor.Reading reading = anchor.reading();
        return database.read(c -> {
            int hashers = Math.max(1, Runtime.getRuntime().availableProcessors());
            ExecutorService pool = Executors.newFixedThreadPool(hashers, r -> {
                Thread t = new Thread(r, "arbiter-verify");
                t.setDaemon(true);
                return t;
            });
            try {
                return walk(c, reading, pool, progress, cancelled);
            } finally {
                pool.shutdownNow();
                awaitEnd(pool); // a one-shot command leaves no thread of ours behind once verify returns
            }
        });
    }

    private static void awaitEnd(ExecutorService pool) {
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.debug("verify's hashing threads still ending after 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Rows handed to a hashing thread, each the stored hash (64 hex digits)
     * followed by the body; returns the first seq whose hash does not match, or -1.
     */
    private record Batch(long[] seqs, byte[][] rows, int size) {
        long firstAltered(CanonicalForm form) {
            for (int i = 0; i < size; i++) {
                if (!form.matches(rows[i], HASH_LENGTH)) {
                    return seqs[i];
                }
            }
            return -1;
        }
    }

    private VerificationResult walk(Connection c, HeadAnchor.Reading reading, ExecutorService pool,
                                    Progress progress, BooleanSupplier cancelled)
            throws SQLException {
        long total = count(c);
        HeadAnchor.Head start = LedgerRows.chainStart(c);
        long expectedSeq = start.seq() + 1;
        byte[] expectedPrev = start.hash().getBytes(StandardCharsets.US_ASCII);
        long checked = 0;
        VerificationResult.Broken orderProblem = null;
        List<Future<Long>> hashing = new ArrayList<>();
        Semaphore inFlight = new Semaphore(BATCHES_IN_FLIGHT);
        ThreadLocal<CanonicalForm> forms = ThreadLocal.withInitial(CanonicalForm::new);
        Batch batch = newBatch();
        int n = 0;
        try (Statement st = c.createStatement()) {
            st.setFetchSize(BATCH);
            // One column a row (hash then body): a JNI call per column is most of the cost of reading.
            try (ResultSet rs = st.executeQuery("SELECT hash || body FROM audit_entry ORDER BY seq")) {
                while (rs.next()) {
                    byte[] row = rs.getBytes(1);
                    orderProblem = orderProblem(row, expectedSeq, expectedPrev, checked);
                    if (orderProblem != null) {
                        break;
                    }
                    batch.seqs()[n] = expectedSeq;
                    batch.rows()[n] = row;
                    n++;
                    if (n == BATCH) {
                        hashing.add(submit(pool, inFlight, forms, new Batch(batch.seqs(), batch.rows(), n)));
                        batch = newBatch();
                        n = 0;
                    }
                    expectedPrev = Arrays.copyOf(row, HASH_LENGTH);
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
        if (n > 0) {
            hashing.add(submit(pool, inFlight, forms, new Batch(batch.seqs(), batch.rows(), n)));
        }
        long altered = firstAltered(hashing);
        if (altered > 0 && (orderProblem == null || altered <= orderProblem.seq())) {
            return new VerificationResult.Broken(altered - start.seq() - 1, altered, "Entry #" + altered
                    + describe(c, altered) + " was altered: its content no longer matches its hash.");
        }
        if (orderProblem != null) {
            return orderProblem;
        }
        progress.update(checked, total);
        return checkPrunedAndAnchor(c, reading, checked, start.seq() + 1, expectedSeq - 1);
    }

    private static Batch newBatch() {
        return new Batch(new long[BATCH], new byte[BATCH][], BATCH);
    }

    private static Future<Long> submit(ExecutorService pool, Semaphore inFlight, ThreadLocal<CanonicalForm> forms,
                                       Batch batch) {
        inFlight.acquireUninterruptibly();
        return pool.submit(() -> {
            try {
                return batch.firstAltered(forms.get());
            } finally {
                inFlight.release();
            }
        });
    }

    private static long firstAltered(List<Future<Long>> hashing) throws SQLException {
        for (Future<Long> f : hashing) {
            try {
                long seq = f.get();
                if (seq > 0) {
                    return seq;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("Verification interrupted", e);
            } catch (ExecutionException e) {
                throw new SQLException("Verification failed: " + e.getCause().getMessage(), e.getCause());
            }
        }
        return -1;
    }

    /** The seq and link checks for one row (hash, then body), or null when they hold. */
    static VerificationResult.Broken orderProblem(byte[] row, long expectedSeq, byte[] expectedPrev,
                                                          long checked) {
        int at = HASH_LENGTH + SEQ_PREFIX.length;
        if (!startsWith(row, HASH_LENGTH, SEQ_PREFIX)) {
            return new VerificationResult.Broken(checked, expectedSeq, "Entry #" + expectedSeq
                    + " is not a ledger entry: its content was replaced.");
        }
        long seq = 0;
        while (at < row.length && row[at] >= '0' && row[at] <= '9') {
            seq = seq * 10 + (row[at++] - '0');
        }
        if (seq > expectedSeq) {
            return new VerificationResult.Broken(checked, expectedSeq, "Entry #" + expectedSeq
                    + " is missing here: after #" + (expectedSeq - 1) + " comes #" + seq
                    + " (entries were deleted or reordered).");
        }
        if (seq != expectedSeq) {
            return new VerificationResult.Broken(checked, expectedSeq, "Entry #" + expectedSeq
                    + " holds the content of entry #" + seq + ": entries were inserted, removed or reordered here.");
        }
        if (!startsWith(row, at, PREV_PREFIX) || row.length < at + PREV_PREFIX.length + HASH_LENGTH
                || !Arrays.equals(row, at + PREV_PREFIX.length, at + PREV_PREFIX.length + HASH_LENGTH,
                        expectedPrev, 0, HASH_LENGTH)) {
            return new VerificationResult.Broken(checked, seq, "Entry #" + seq + " does not link to entry #"
                    + (seq - 1) + ": one of them was rewritten, or an entry was inserted or removed here.");
        }
        return null;
    }

    private static boolean startsWith(byte[] row, int offset, byte[] prefix) {
        return row.length >= offset + prefix.length
                && Arrays.equals(row, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    private VerificationResult checkPrunedAndAnchor(Connection c, HeadAnchor.Reading reading, long checked,
                                                    long firstSeq, long lastSeq) throws SQLException {
        if (CheckpointStore.permits(c) > 0) {
            return new VerificationResult.Broken(checked, firstSeq, "A prune permit was left in the database "
                    + "outside a retention run: entries could be deleted under it. Run verify again; if it stays, "
                    + "the database was tampered with.");
        }
        long anchoredSeq = reading instanceof HeadAnchor.Anchored a ? a.head().seq() : -1;
        List<Checkpoint> checkpoints = CheckpointStore.all(c);
        ArchiveVerifier.Outcome pruned = archives.check(c, checkpoints, anchoredSeq);
        if (pruned.problem() != null) {
            return pruned.problem();
        }
        if (reading instanceof HeadAnchor.Missing) {
            // Even with no entries: a workspace gets its anchor with its database, so a missing one was removed.
            return new VerificationResult.Broken(checked, lastSeq, "The head anchor " + anchor.file()
                    + " is missing, so a cut-off tail cannot be ruled out (last entry #" + lastSeq + "). Restore it "
                    + "from a backup, or record a reset with `arbiter audit reset-anchor --reason ...`.");
        }
        if (reading instanceof HeadAnchor.Unreadable u) {
            return new VerificationResult.Broken(checked, lastSeq, "The head anchor " + anchor.file()
                    + " cannot be read (" + u.why() + "). Restore it from a backup, or record a reset with "
                    + "`arbiter audit reset-anchor --reason ...`.");
        }
        HeadAnchor.Head anchored = ((HeadAnchor.Anchored) reading).head();
        if (anchored.seq() > lastSeq) {
            return new VerificationResult.Broken(checked, lastSeq + 1, "Entries #" + (lastSeq + 1) + " to #"
                    + anchored.seq() + " are missing: the ledger ends at #" + lastSeq
                    + " but its head anchor names #" + anchored.seq() + " (the tail was cut off).");
        }
        Optional<String> hash = anchored.seq() == 0 ? Optional.of(CanonicalForm.GENESIS_HASH)
                : anchored.seq() >= firstSeq ? LedgerRows.hashOf(c, anchored.seq()) : pruned.wantedHash();
        if (hash.isEmpty()) {
            return new VerificationResult.Broken(checked, anchored.seq(), "Entry #" + anchored.seq()
                    + ", which the head anchor names, is absent from the ledger and from its archives.");
        }
        if (!hash.get().equals(anchored.hash())) {
            return new VerificationResult.Broken(checked, anchored.seq(), "Entry #" + anchored.seq()
                    + " is not the entry the head anchor recorded: the chain was rewritten from there.");
        }
        Optional<String> personal = PersonalDataStore.firstAltered(c);
        if (personal.isPresent()) {
            return new VerificationResult.Broken(checked, lastSeq, personal.get());
        }
        return new VerificationResult.Intact(checked, lastSeq, anchorResets(c));
    }

    /** One line for each recorded reset of the head anchor, which verification keeps reporting. */
    private static List<String> anchorResets(Connection c) throws SQLException {
        List<String> notes = new ArrayList<>();
        for (String body : LedgerRows.bodiesOf(c, AnchorReset.EVENT)) {
            notes.add(AnchorReset.describe(body));
        }
        return notes;
    }

    /** " (event, trace …, time)" for naming a broken entry, as far as its body still reads. */
    private static String describe(Connection c, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT event, trace_id, timestamp FROM audit_entry WHERE seq = ?")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return "";
                }
                StringBuilder s = new StringBuilder(" (").append(rs.getString(1));
                if (rs.getString(2) != null) {
                    s.append(", trace ").append(rs.getString(2));
                }
                return s.append(", ").append(rs.getString(3)).append(')').toString();
            }
        } catch (SQLException e) {
            return "";
        }
    }

    private static long count(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM audit_entry")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
