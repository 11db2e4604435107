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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
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
 * started. Once started, the group commit is <em>leader/follower</em>: a caller that finds nobody writing
 * and nothing queued writes its own entry at once on its own thread (the leader), so an uncontended append
 * crosses no thread at all: its future is complete when {@code appendAsync} returns. Callers arriving while
 * someone writes queue up (the followers), and so does a thread making a burst of appends
 * ({@link #BURST_NANOS}), and the writer thread commits them together once the leader is
 * done; their futures complete and {@link AuditAppended} is published on the ledger's dispatch threads
 * ({@link LedgerDispatch}), so a slow listener or continuation never holds up the next commit. Either way
 * the order after a commit is: the commit is durable, the head anchor moves, callers are told, listeners
 * hear of it. Entries are written in the order their appends were queued: a caller never writes ahead of
 * an entry queued before it.
 */
public final class AuditLedger implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLedger.class);
    static final int MAX_BATCH = 1024;
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
    /**
     * Held by whoever writes a batch: the writer thread, or a caller writing its own entry (before
     * {@link #start()}, or as the leader when nobody writes and nothing is queued).
     */
    private final ReentrantLock writing = new ReentrantLock();
    /** Entries queued for the writer thread and not yet written: a caller may lead only when it is 0. */
    private final AtomicInteger unwritten = new AtomicInteger();
    /**
     * A thread that appends again within this time of its previous append returning is making a burst (a
     * loop queueing many entries without waiting for each): it queues, so the burst is group-committed
     * rather than written one commit, one fsync, per entry. A face answering requests appends once per
     * request, further apart than this, and leads when nobody writes.
     */
    static final long BURST_NANOS = 100_000;
    /** When this thread's previous append returned ({@link System#nanoTime()}); long ago when it made none. */
    private static final ThreadLocal<long[]> lastAppend = ThreadLocal.withInitial(() -> new long[] {Long.MIN_VALUE / 2});
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

    /**
     * Writes an entry for which a unit of {@link #room} was taken: at once on this thread when the ledger is
     * not started, or when nobody writes and nothing is queued (the leader); else queues it for the writer.
     */
    private CompletableFuture<LedgerEntry> enqueue(AuditEntry entry, TxWork<?> alongside) {
        CompletableFuture<LedgerEntry> result = new CompletableFuture<>();
        Pending pending = new Pending(stamp(entry), alongside, result);
        boolean started;
        synchronized (queue) {
            started = writer != null;
        }
        long[] last = lastAppend.get();
        boolean burst = System.nanoTime() - last[0] < BURST_NANOS;
        if (!started) {
            writing.lock(); // not started: the caller writes its own entry, a group of one
        }
        if (!started || !burst && leads()) {
            try {
                room.release();
                if (closed) {
                    result.completeExceptionally(new LedgerUnavailableException("The audit ledger is closed", null));
                } else {
                    writeBatch(List.of(pending)).run(); // the only future is this caller's: nothing attached yet
                }
            } finally {
                writing.unlock();
                last[0] = System.nanoTime();
            }
            return result;
        }
        synchronized (queue) {
            if (closed) {
                room.release();
                result.completeExceptionally(new LedgerUnavailableException("The audit ledger is closed", null));
                return result;
            }
            unwritten.incrementAndGet();
            queue.add(pending);
        }
        last[0] = System.nanoTime();
        return result;
    }

    /**
     * Whether this caller may write its own entry now, holding {@link #writing} if so: nobody writes, nothing
     * queued waits to be written (so it cannot overtake an entry queued before it), the ledger is not failing
     * (the writer's probe owns recovery) and this thread is not already writing (an append made by work
     * inside a batch, or by a continuation run there, is queued behind it).
     */
    private boolean leads() {
        if (failing != null || unwritten.get() != 0 || writing.isHeldByCurrentThread() || !writing.tryLock()) {
            return false;
        }
        if (unwritten.get() == 0 && failing == null && !closed) {
            return true;
        }
        writing.unlock();
        return false;
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
                // Never an unbounded wait: a leader's failed write sets failing on its own thread, and only this
                // thread's probe brings the ledger back, so it looks again every PROBE_SECONDS even when idle.
                Pending first = queue.poll(PROBE_SECONDS, TimeUnit.SECONDS);
                if (first == null && failing == null) {
                    continue;
                }
                batch.add(first == null ? probe() : first);
            } catch (InterruptedException e) {
                continue;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            ending = batch.remove(END);
            int queued = (int) batch.stream().filter(p -> p.alongside() != PROBE).count();
            room.release(queued);
            if (!batch.isEmpty()) {
                writing.lock();
                try {
                    Completion done = writeBatch(batch);
                    dispatch.complete(done.callers()); // their continuations run on the dispatch thread, not here
                    done.publish(); // under the lock, as a leader does: listeners hear of batches in seq order
                } finally {
                    unwritten.addAndGet(-queued); // before unlocking: a caller leads only once these are written
                    writing.unlock();
                }
            }
            batch.clear();
        }
        failRemaining();
    }

    /**
     * Writes a batch in one transaction (the caller holds {@link #writing}); once it is durable, moves the
     * head anchor. Returns what tells the callers and then the listeners: the writer thread hands it to the
     * dispatch lanes, a leader runs it on its own thread.
     */
    private Completion writeBatch(List<Pending> batch) {
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
                failing = new LedgerHealth.Failing(LedgerWriteFailure.of(e, database.describe(),
                        database.dialect() == SqlDialect.SQLITE ? anchor.file().toAbsolutePath().getParent() : null)
                        .reason(),
                        clock.instant());
            } else {
                LOG.debug("Audit ledger still cannot be written: {}", e.getMessage());
            }
            LedgerUnavailableException failure = new LedgerUnavailableException(
                    "The audit ledger could not be written: " + e.getMessage(), e);
            return new Completion(new LedgerDispatch.Completion(List.of(), List.of(),
                    batch.stream().map(Pending::result).toList(), java.util.Collections.nCopies(batch.size(), failure)),
                    List.of());
        }
        if (failing != null) {
            LOG.info("Audit ledger writable again after failing since {}", failing.since());
            failing = null;
        }
        if (!written.isEmpty()) {
            moveAnchor(written);
        }
        return new Completion(new LedgerDispatch.Completion(kept.stream().map(Pending::result).toList(), written,
                refused.stream().map(Pending::result).toList(), List.copyOf(reasons)), written);
    }

    /**
     * What follows a durable batch: its callers' futures, then its {@link AuditAppended} event (a leader tells
     * its caller before listeners can hear of the entry, so no listener delays an acknowledgement). Both run
     * while {@link #writing} is held, so events are handed to the events lane in seq order.
     */
    private final class Completion implements Runnable {
        private final LedgerDispatch.Completion callers;
        private final List<LedgerEntry> written;

        Completion(LedgerDispatch.Completion callers, List<LedgerEntry> written) {
            this.callers = callers;
            this.written = written;
        }

        /** Completes the futures on this thread, then hands the event to the events lane. */
        @Override
        public void run() {
            callers.run();
            publish();
        }

        LedgerDispatch.Completion callers() {
            return callers;
        }

        void publish() {
            if (!written.isEmpty()) {
                dispatch.publish(written);
            }
        }
    }

    /** What an entry's alongside work came to: the entry to write (with its {@link DetailAddition}), or why not. */
    private record Ran(AuditEntry entry, RuntimeException refusal) {
    }

    /** Runs an entry's alongside work in a savepoint; on failure it is rolled back and the refusal says why. */
    private static Ran runAlongside(Tx tx, Pending p) throws SQLException {
        if (p.alongside() == null) {
            return new Ran(p.entry(), null);
        }
        // the transaction's savepoint, not the connection's: work that succeeded before a later step failed (a
        // claim's rate events, then the queue's insert) is undone in memory too
        Tx.Mark savepoint = tx.setSavepoint();
        try {
            Object result = p.alongside().run(tx);
            AuditEntry entry = result instanceof DetailAddition addition
                    ? p.entry().withDetailMembers(addition.members()) : p.entry();
            tx.release(savepoint);
            return new Ran(entry, null);
        } catch (EntryWithdrawn e) {
            tx.rollback(savepoint);
            return new Ran(null, e);
        } catch (SQLException | RuntimeException e) {
            tx.rollback(savepoint);
            LOG.warn("Work alongside audit entry {} failed: {}", p.entry().event(), e.getMessage());
            return new Ran(null, e instanceof RuntimeException re ? re
                    : new LedgerUnavailableException("Could not record " + p.entry().event() + ": " + e.getMessage(), e));
        }
    }

    /** After a commit in the caller's own transaction: the anchor moves, then listeners hear of it. */
    private void committed(List<LedgerEntry> written) {
        moveAnchor(written);
        dispatch.publish(written);
    }

    private void moveAnchor(List<LedgerEntry> written) {
        LedgerEntry last = written.get(written.size() - 1);
        try {
            anchor.advance(new HeadAnchor.Head(last.seq(), last.hash()));
        } catch (IOException e) {
            // The entries are committed; the next write finds the anchor missing or damaged and refuses.
            LOG.warn("Could not move the ledger head anchor {}: {}", anchor.file(), e.getMessage());
        }
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
        writing.lock(); // a leader still writing its own entry finishes first
        writing.unlock();
        dispatch.close();
        anchor.close();
    }
}
