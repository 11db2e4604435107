package dev.arbiter.core.evidence;

import dev.arbiter.core.audit.AuditReader;
import dev.arbiter.core.audit.LedgerEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Issues per-decision receipts ({@link Receipt}, issue 18).
 *
 * <p>When no signed checkpoint covers the trace's newest entry yet (the usual case for a fresh decision:
 * checkpoints are written every N entries or minutes), one is signed on demand, but at most one on-demand
 * checkpoint per {@link #ON_DEMAND_EVERY} per process: each is a stored row, a signature and an fsync, so a flood of
 * receipt requests must not turn into a flood of checkpoints. Inside that window the answer is {@link Pending}
 * with the seconds to wait (the gateway sends {@code 202 Accepted} with {@code Retry-After}); the next request
 * after it signs.
 *
 * <p>The proofs lead to the smallest covering checkpoint a witness cosigned, else the smallest covering one
 * ({@link Checkpoints#coveringForEvidence}, as evidence bundles do), and the receipt names the witnesses that
 * cosigned it ({@link Receipt}).
 *
 * <p>A receipt costs O(log n) hash look-ups plus reading up to two chunks of hashes per entry ({@link LedgerTree}),
 * and the first one in a process reads every hash once. So that receipt requests cannot tie up the gateway's
 * reply threads, receipts are built one at a time and {@link #tryReceipt} answers {@link Busy} at once rather than
 * wait for another build; and a trace of more than {@value #MAX_ENTRIES} entries gets {@link TooLarge} (a
 * decision's trace holds a handful: the decision, its review, its outcome).
 */
public final class Receipts {

    /** At most one checkpoint signed on demand per this interval. */
    public static final Duration ON_DEMAND_EVERY = Duration.ofSeconds(1);

    /** What a request for a receipt gets. */
    public sealed interface Result permits Issued, Pending, Unknown, Busy, TooLarge {
    }

    /** The most entries one receipt proves. */
    public static final int MAX_ENTRIES = 64;

    /** The receipt. */
    public record Issued(Receipt receipt) implements Result {
    }

    /** No checkpoint covers the trace yet and one was signed on demand too recently: ask again after this. */
    public record Pending(long retryAfterSeconds) implements Result {
    }

    /** The ledger holds no entry of this trace. */
    public record Unknown() implements Result {
    }

    /**
     * Another receipt is being built ({@link #tryReceipt}): ask again after this. Each build reads every hash the
     * checkpoint covers, so waiting requests would each hold a request thread for the length of the queue.
     */
    public record Busy(long retryAfterSeconds) implements Result {
    }

    /** The trace holds more than {@code max} entries: too many for a receipt; an evidence bundle covers them. */
    public record TooLarge(int max) implements Result {
    }

    private final AuditReader reader;
    private final Checkpoints checkpoints;
    private final Clock clock;
    /** Held while a receipt is built: one at a time (guards {@link #lastOnDemand} too). */
    private final ReentrantLock building = new ReentrantLock();
    private Instant lastOnDemand = Instant.MIN;

    public Receipts(AuditReader reader, Checkpoints checkpoints, Clock clock) {
        this.reader = reader;
        this.checkpoints = checkpoints;
        this.clock = clock;
    }

    /**
     * The receipt of every entry of {@code traceId} written so far, waiting for a receipt being built; {@link Pending}
     * while no checkpoint can be signed yet, {@link TooLarge} beyond {@value #MAX_ENTRIES} entries.
     *
     * @throws dev.arbiter.core.store.StoreException when the ledger, its archives or the signing key cannot be read
     */
    public Result receipt(String traceId) {
        building.lock();
        try {
            return build(traceId);
        } finally {
            building.unlock();
        }
    }

    /**
     * As {@link #receipt}, but {@link Busy} at once while another receipt is being built, so that a flood of
     * receipt requests holds one request thread, not all of them (the gateway's threads also answer decisions).
     *
     * @throws dev.arbiter.core.store.StoreException when the ledger, its archives or the signing key cannot be read
     */
    public Result tryReceipt(String traceId) {
        if (!building.tryLock()) {
            return new Busy(1);
        }
        try {
            return build(traceId);
        } finally {
            building.unlock();
        }
    }

    private Result build(String traceId) {
        List<LedgerEntry> trace = reader.forTrace(traceId, MAX_ENTRIES + 1);
        if (trace.isEmpty()) {
            return new Unknown();
        }
        if (trace.size() > MAX_ENTRIES) {
            return new TooLarge(MAX_ENTRIES);
        }
        long newest = trace.get(trace.size() - 1).seq();
        Optional<String> note = checkpoints.coveringForEvidence(newest);
        if (note.isEmpty()) {
            Instant now = clock.instant();
            Instant next = lastOnDemand.equals(Instant.MIN) ? now : lastOnDemand.plus(ON_DEMAND_EVERY);
            // a clock stepped back behind the last signing does not make everyone wait until it catches up
            if (now.isBefore(next) && !now.isBefore(lastOnDemand)) {
                return new Pending(Math.max(1, (Duration.between(now, next).toMillis() + 999) / 1000));
            }
            lastOnDemand = now;
            checkpoints.checkpoint();
            note = checkpoints.coveringForEvidence(newest);
            if (note.isEmpty()) {
                throw new IllegalStateException("a checkpoint was signed but none covers entry #" + newest);
            }
        }
        SignedNote signed = SignedNote.parse(note.get());
        SignedCheckpoint checkpoint = SignedCheckpoint.parse(signed.text());
        LedgerTree tree = checkpoints.tree();
        List<Receipt.ProvenEntry> proven = new ArrayList<>();
        for (LedgerEntry e : trace) {
            reader.forEachStored(e.seq(), e.seq(), row -> proven.add(new Receipt.ProvenEntry(row.seq(), row.hash(),
                    row.body(), tree.inclusionProof(row.seq() - 1, checkpoint.size()))));
        }
        SigningKey key = checkpoints.key();
        String signature = SignedNote.sign(Receipt.signedText(checkpoint, proven), key).format();
        return new Issued(new Receipt(traceId, proven, note.get(), key.publicKey().verifierKey(), signature,
                checkpoints.witnessesOf(note.get())));
    }
}
