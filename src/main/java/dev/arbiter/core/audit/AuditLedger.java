package dev.arbiter.core.audit;

import dev.arbiter.core.event.Events;
import dev.arbiter.core.store.Database;
import dev.arbiter.core.store.SqlDialect;
import dev.arbiter.core.store.Tx;
import dev.arbiter.core.store.TxWork;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only, hash-chained audit ledger.
 *
 * <p>{@link #append} returns only once the entry is durably committed. Appends
 * from many threads are <em>group-committed</em>: one writer thread takes
 * everything queued, writes it in one transaction and wakes every caller after
 * the single fsync. Each caller still holds "my entry is on disk" when it
 * returns, so a gateway can answer an agent only after its decision is audited,
 * at a rate one-fsync-per-entry could never reach.
 *
 * <p>Entries that belong with other state (a kill switch change and its audit
 * record) use {@link #appendWithin(Tx, AuditEntry)} so both commit or neither.
 * State that is written as often as decisions (an escalation queue row with its
 * decision) rides along in the group commit with
 * {@link #appendAsync(AuditEntry, TxWork)}; such work may add to its entry's detail what it saw in
 * the transaction ({@link DetailAddition}).
 *
 * <p>The queue in front of the writer is bounded ({@value #MAX_QUEUED}
 * entries): past that, an append waits up to {@value #APPEND_WAIT_SECONDS} s
 * for room (back-pressure on the caller) and then fails with
 * {@link LedgerUnavailableException} (the gateway answers 503), so a flood or
 * a stuck disk never costs unbounded memory (issue 13 §1). {@link #health()} says whether entries are being written;
 * while writes fail, the writer retries every {@value #PROBE_SECONDS} s by
 * writing a {@code ledger.recovered} entry, which succeeds once the disk or
 * lock is free again and records how long the ledger was unavailable.
 *
 * <p>The writer's thread starts in {@link #start()}, not in the constructor. Until then (a one-shot CLI
 * command) each append is written at once on the caller's thread, a group of one, and no thread is
 * started. Once started, the writer only writes: callers' futures complete and {@link AuditAppended} is
 * published on the ledger's dispatch threads ({@link LedgerDispatch}), so a slow listener or continuation
 * never holds up the next commit.
 */
public final class AuditLedger implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLedger.class);
    private static final int MAX_BATCH = 1024;
    /** Entries waiting for the writer at most: about 16 MB at 1 KB an entry, under a second of writing. */
    static final int MAX_QUEUED = 16_384;
    static final int APPEND_WAIT_SECONDS = 5;
    static final int PROBE_SECONDS = 2;

    private record Pending(AuditEntry entry, TxWork<?> alongside, CompletableFuture<LedgerEntry> result) {
    }

    /** Queued by {@link #close()}: everything before it is still written. */
    private static final Pending END = new Pending(null, null, null);

    private final Database database;
    private final HeadAnchor anchor;
    private final Clock clock;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    /** Room in {@link #queue}: taken by each append, given back when the writer takes the entry. */
    private final Semaphore room = new Semaphore(MAX_QUEUED);
    private volatile LedgerHealth.Failing failing;
    private final LedgerDispatch dispatch;
    /** The group-commit thread once {@link #start()}ed; null before (appends are written by their caller). */
    private Thread writer;
    /** Serialises appends written by their callers before {@link #start()}. */
    private final Object inline = new Object();
    private final ThreadLocal<CanonicalForm> canonical = ThreadLocal.withInitial(CanonicalForm::new);
    private volatile boolean closed;

    public AuditLedger(Database database, HeadAnchor anchor, Events events, Clock clock) {
        this.database = database;
        this.anchor = anchor;
        this.clock = clock;
        this.dispatch = new LedgerDispatch(events);
    }

    /**
     * Starts the group-commit writer and the dispatch threads ({@code arbiter-audit-writer},
     * {@code arbiter-audit-complete}, {@code arbiter-audit-events}); idempotent. A long-running face (the
     * gateway, the desktop, the MCP proxy) starts the ledger; a one-shot command need not.
     *
     * @return this ledger
     */
    public AuditLedger start() {
        synchronized (queue) {
            if (writer != null || closed) {
                return this;
            }
            dispatch.start();
            writer = new Thread(this::writeLoop, "arbiter-audit-writer");
            writer.setDaemon(true);
            writer.start();
        }
        return this;
    }

    /** Entries committed by this process that listeners did not get as {@link AuditAppended} (they were behind). */
    public long skippedEvents() {
        return dispatch.skippedEntries();
    }

    public HeadAnchor anchor() {
        return anchor;
    }

    /**
     * Whether entries are being written: {@link LedgerHealth.Failing} (with
     * the reason) while the last write failed, the queue is full, or the
     * ledger is closed.
     */
    public LedgerHealth health() {
        LedgerHealth.Failing now = failing;
        if (now != null) {
            return now;
        }
        if (closed) {
            return new LedgerHealth.Failing("the audit ledger is closed", clock.instant());
        }
        if (room.availablePermits() == 0) {
            return new LedgerHealth.Failing("the audit ledger is behind: " + MAX_QUEUED
                    + " entries wait to be written", clock.instant());
        }
        return new LedgerHealth.Writable();
    }

    /** Appends and waits until the entry is durable; throws {@link LedgerUnavailableException} if it is not. */
    public LedgerEntry append(AuditEntry entry) {
        try {
            return appendAsync(entry).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailableException("Interrupted before the audit entry was confirmed", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LedgerUnavailableException lue) {
                throw lue;
            }
            throw new LedgerUnavailableException("The audit ledger could not record the entry: "
                    + cause.getMessage(), cause);
        }
    }

    /** Queues the entry for the next group commit; the future completes once it is durable. */
    public CompletableFuture<LedgerEntry> appendAsync(AuditEntry entry) {
        return appendAsync(entry, null);
    }

    /**
     * Queues the entry together with {@code alongside}, work on other tables
     * that must commit with it or not at all; both go into the next group
     * commit. If {@code alongside} fails, only this entry fails (the rest of
     * the batch is written) and the future says why. While the queue is full
     * this waits up to {@value #APPEND_WAIT_SECONDS} s for room; then the
     * future fails at once.
     */
    public CompletableFuture<LedgerEntry> appendAsync(AuditEntry entry, TxWork<?> alongside) {
        try {
            if (!room.tryAcquire() && !room.tryAcquire(APPEND_WAIT_SECONDS, TimeUnit.SECONDS)) {
                return CompletableFuture.failedFuture(behind());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(new LedgerUnavailableException(
                    "Interrupted while waiting for room in the audit ledger's queue", e));
        }
        return enqueue(entry, alongside);
    }

    private LedgerUnavailableException behind() {
        return new LedgerUnavailableException("The audit ledger is behind (" + MAX_QUEUED
                + " entries wait to be written); the entry was not recorded", null);
    }

    /** Queues an entry for which a unit of {@link #room} was taken. */
    private CompletableFuture<LedgerEntry> enqueue(AuditEntry entry, TxWork<?> alongside) {
        CompletableFuture<LedgerEntry> result = new CompletableFuture<>();
        Pending pending = new Pending(stamp(entry), alongside, result);
        synchronized (queue) {
            if (closed) {
                room.release();
                result.completeExceptionally(new LedgerUnavailableException("The audit ledger is closed", null));
                return result;
            }
            if (writer != null) {
                queue.add(pending);
                return result;
            }
        }
        // not started: the caller writes its own entry, a group of one
        synchronized (inline) {
            room.release();
            writeBatch(List.of(pending));
        }
        return result;
    }

    /** Appends inside the caller's transaction; the head anchor and listeners follow its commit. */
    public LedgerEntry appendWithin(Tx tx, AuditEntry entry) throws SQLException {
        LedgerEntry written = insert(tx, List.of(stamp(entry))).get(0);
        tx.afterCommit(() -> committed(List.of(written)));
        return written;
    }

    /**
     * Appends several entries inside the caller's transaction, chained in list
     * order with one batched insert (a kill switch denying a thousand pending
     * actions at once); the head anchor and listeners follow its commit.
     */
    public List<LedgerEntry> appendAllWithin(Tx tx, List<AuditEntry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return List.of();
        }
        List<LedgerEntry> written = insert(tx, entries.stream().map(this::stamp).toList());
        tx.afterCommit(() -> committed(written));
        return written;
    }

    /**
     * Appends a {@code ledger.anchor_reset} entry inside the caller's transaction although the head anchor
     * disagrees with the ledger, and after the commit points the anchor at it: the one write that may not
     * wait for the anchor to be in order, because it is the audited way to put it in order.
     */
    LedgerEntry appendAnchorReset(Tx tx, AuditEntry entry) throws SQLException {
        LedgerEntry written = insert(tx, List.of(stamp(entry)), false).get(0);
        tx.afterCommit(() -> {
            try {
                anchor.replace(new HeadAnchor.Head(written.seq(), written.hash()));
            } catch (IOException e) {
                LOG.error("The anchor reset is recorded as entry #{} but {} could not be written: {}",
                        written.seq(), anchor.file(), e.getMessage());
            }
            dispatch.publish(List.of(written));
        });
        return written;
    }

    /** The newest entry, else where the chain starts (after the newest retention checkpoint, or genesis). */
    public HeadAnchor.Head head() {
        return database.read(LedgerRows::head);
    }

    /** The newest entry's seq, 0 when the ledger is empty. */
    public long headSeq() {
        return database.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(LedgerRows.LAST)) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    private AuditEntry stamp(AuditEntry entry) {
        return entry.timestamp() == null ? entry.withTimestamp(clock.instant()) : entry;
    }

    private List<LedgerEntry> insert(Tx tx, List<AuditEntry> entries) throws SQLException {
        return insert(tx, entries, true);
    }

    /** Inserts after the chain head; {@code guarded}: only when the head anchor agrees with the ledger. */
    private List<LedgerEntry> insert(Tx tx, List<AuditEntry> entries, boolean guarded) throws SQLException {
        HeadAnchor.Head head = chainHead(tx);
        if (guarded) {
            Optional<String> problem = anchor.problemWith(head, seq -> LedgerRows.hashOf(tx.connection(), seq));
            if (problem.isPresent()) {
                throw new LedgerUnavailableException(problem.get(), null);
            }
        }
        long seq = head.seq();
        String prev = head.hash();
        List<LedgerEntry> written = new ArrayList<>(entries.size());
        CanonicalForm form = canonical.get();
        PersonalRows personal = new PersonalRows();
        try (PreparedStatement ps = tx.connection().prepareStatement(LedgerRows.INSERT)) {
            for (AuditEntry entry : entries) {
                seq++;
                PersonalData.Split split = PersonalData.split(entry);
                personal.add(seq, split, entry.subjectId());
                String body = form.body(seq, prev, split.kept(), split.commitments());
                String hash = form.hash(body);
                ps.setLong(1, seq);
                ps.setString(2, body);
                ps.setString(3, hash);
                ps.addBatch();
                written.add(new LedgerEntry(seq, entry, prev, hash));
                prev = hash;
            }
            ps.executeBatch();
        }
        personal.insert(tx);
        return written;
    }

    /** The personal values of a batch, inserted after its entries (they reference them). */
    private static final class PersonalRows {
        private final List<Long> seqs = new ArrayList<>();
        private final List<PersonalData.Value> values = new ArrayList<>();
        private final List<String> subjects = new ArrayList<>();

        void add(long seq, PersonalData.Split split, String subject) {
            for (PersonalData.Value v : split.values()) {
                seqs.add(seq);
                values.add(v);
                subjects.add(subject);
            }
        }

        void insert(Tx tx) throws SQLException {
            if (!values.isEmpty()) {
                PersonalDataStore.insert(tx.connection(), seqs, values, subjects);
            }
        }
    }

    /**
     * Where the next entry links to, read inside the write transaction so that
     * two processes appending to one file never fork the chain: the newest
     * entry, else the retention checkpoint (everything was pruned), else genesis.
     */
    static HeadAnchor.Head chainHead(Tx tx) throws SQLException {
        return LedgerRows.head(tx.connection());
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        boolean ending = false;
        while (!ending) {
            try {
                Pending first = failing == null ? queue.take() : queue.poll(PROBE_SECONDS, TimeUnit.SECONDS);
                batch.add(first == null ? probe() : first);
            } catch (InterruptedException e) {
                continue;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            ending = batch.remove(END);
            room.release((int) batch.stream().filter(p -> p.alongside() != PROBE).count());
            if (!batch.isEmpty()) {
                writeBatch(batch);
            }
            batch.clear();
        }
        failRemaining();
    }

    private void writeBatch(List<Pending> batch) {
        List<Pending> kept = new ArrayList<>(batch.size());
        List<Pending> refused = new ArrayList<>();
        List<RuntimeException> reasons = new ArrayList<>();
        List<LedgerEntry> written;
        try {
            written = database.write(tx -> {
                kept.clear();
                refused.clear();
                reasons.clear();
                List<AuditEntry> entries = new ArrayList<>(batch.size());
                boolean postgres = SqlDialect.of(tx.connection()) == SqlDialect.POSTGRESQL;
                for (Pending p : batch) {
                    // checked before the alongside work runs, so a refused entry leaves no counter claim behind
                    Optional<UnstorableText> unstorable = postgres ? UnstorableText.of(p.entry()) : Optional.empty();
                    Ran ran = unstorable.isPresent() ? new Ran(null, unstorable.get()) : runAlongside(tx, p);
                    if (ran.refusal() == null) {
                        kept.add(p);
                        entries.add(ran.entry());
                    } else {
                        refused.add(p);
                        reasons.add(ran.refusal());
                    }
                }
                return entries.isEmpty() ? List.<LedgerEntry>of() : insert(tx, entries);
            });
        } catch (RuntimeException e) {
            if (failing == null) {
                LOG.error("Audit ledger write of {} entries failed", batch.size(), e);
                failing = new LedgerHealth.Failing("the audit ledger cannot be written: " + rootMessage(e),
                        clock.instant());
            } else {
                LOG.debug("Audit ledger still cannot be written: {}", e.getMessage());
            }
            LedgerUnavailableException failure = new LedgerUnavailableException(
                    "The audit ledger could not be written: " + e.getMessage(), e);
            dispatch.complete(new LedgerDispatch.Completion(List.of(), List.of(),
                    batch.stream().map(Pending::result).toList(), java.util.Collections.nCopies(batch.size(), failure)));
            return;
        }
        if (failing != null) {
            LOG.info("Audit ledger writable again after failing since {}", failing.since());
            failing = null;
        }
        if (!written.isEmpty()) {
            committed(written);
        }
        dispatch.complete(new LedgerDispatch.Completion(kept.stream().map(Pending::result).toList(), written,
                refused.stream().map(Pending::result).toList(), List.copyOf(reasons)));
    }

    /** What an entry's alongside work came to: the entry to write (with its {@link DetailAddition}), or why not. */
    private record Ran(AuditEntry entry, RuntimeException refusal) {
    }

    /** Runs an entry's alongside work in a savepoint; on failure it is rolled back and the refusal says why. */
    private static Ran runAlongside(Tx tx, Pending p) throws SQLException {
        if (p.alongside() == null) {
            return new Ran(p.entry(), null);
        }
        Savepoint savepoint = tx.connection().setSavepoint();
        try {
            Object result = p.alongside().run(tx);
            AuditEntry entry = result instanceof DetailAddition addition
                    ? p.entry().withDetailMembers(addition.members()) : p.entry();
            tx.connection().releaseSavepoint(savepoint);
            return new Ran(entry, null);
        } catch (EntryWithdrawn e) {
            tx.connection().rollback(savepoint);
            return new Ran(null, e);
        } catch (SQLException | RuntimeException e) {
            tx.connection().rollback(savepoint);
            LOG.warn("Work alongside audit entry {} failed: {}", p.entry().event(), e.getMessage());
            return new Ran(null, e instanceof RuntimeException re ? re
                    : new LedgerUnavailableException("Could not record " + p.entry().event() + ": " + e.getMessage(), e));
        }
    }

    private void committed(List<LedgerEntry> written) {
        LedgerEntry last = written.get(written.size() - 1);
        try {
            anchor.advance(new HeadAnchor.Head(last.seq(), last.hash()));
        } catch (IOException e) {
            // The entries are committed; the next write finds the anchor missing or damaged and refuses.
            LOG.warn("Could not move the ledger head anchor {}: {}", anchor.file(), e.getMessage());
        }
        dispatch.publish(written);
    }

    /** A marker for {@link Pending#alongside()}: the entry is the writer's own probe and took no room. */
    private static final TxWork<Void> PROBE = tx -> null;

    /** The entry that tests whether the ledger is writable again, and records the outage when it is. */
    private Pending probe() {
        LedgerHealth.Failing was = failing;
        return new Pending(stamp(AuditEntry.of("ledger.recovered").actor("arbiter")
                .detail(AuditDetail.of("unavailable_since", was.since().toString(), "reason", was.reason()))
                .build()), PROBE, new CompletableFuture<>());
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }

    private void failRemaining() {
        Pending p;
        while ((p = queue.poll()) != null && p != END) {
            p.result().completeExceptionally(new LedgerUnavailableException("The audit ledger is closed", null));
        }
    }

    /**
     * Stops accepting entries, writes what is queued, then stops the writer; every future is completed and
     * every event published before this returns.
     */
    @Override
    public void close() {
        Thread running;
        synchronized (queue) {
            if (closed) {
                return;
            }
            closed = true;
            running = writer;
            if (running != null) {
                queue.add(END);
            }
        }
        if (running != null) {
            try {
                running.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        dispatch.close();
    }
}
