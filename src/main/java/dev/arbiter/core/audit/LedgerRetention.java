package dev.arbiter.core.audit;

import dev.arbiter.core.store.Database;
import dev.arbiter.core.store.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Keeps the ledger for the configured retention (1–7 years, the guide's range).
 * Entries older than that are first archived ({@link RetentionArchive}: the
 * hashed bodies, owner-only, forced to disk), then, in one transaction:
 * an {@code audit.pruned} entry records the range, the archive's name and
 * SHA-256, the hash the first kept entry links to, the cutoff and the years;
 * a checkpoint row repeats it; a permit lets exactly that range go; the
 * entries are deleted; the permit is removed. The V9 triggers let the
 * checkpoint, the permit and each deletion through only when they agree with
 * that entry and the entry is the newest one, so the permit table is no use
 * outside this transaction, and {@link ChainVerifier} re-checks all of it
 * against the archive (issue 13 §3). Only a prefix whose every entry is older
 * than the cutoff is pruned, so no entry younger than the retention goes.
 */
public final class LedgerRetention {

    public static final String SETTING = "audit.retention.years";
    public static final int MIN_YEARS = 1;
    public static final int MAX_YEARS = 7;
    public static final int DEFAULT_YEARS = 7;
    /** The event of the entry that records a pruning. */
    public static final String PRUNED_EVENT = "audit.pruned";

    /** What a pruning did. */
    public record Pruned(long entries, long upToSeq, Path archive) {
    }

    private final Database database;
    private final AuditLedger ledger;
    private final Path archiveDir;
    private final Clock clock;
    /** Asked before every prune: legal holds, open incidents, the retention floor, checkpoint coverage. */
    private final List<RetentionGuard> guards = new CopyOnWriteArrayList<>();

    public LedgerRetention(Database database, AuditLedger ledger, Path archiveDir, Clock clock) {
        this.database = database;
        this.ledger = ledger;
        this.archiveDir = archiveDir;
        this.clock = clock;
    }

    /**
     * Adds a guard that {@link #prune} asks before it removes anything (an open incident, a legal hold, the
     * retention floor, signed-checkpoint coverage).
     */
    public void addGuard(RetentionGuard guard) {
        guards.add(java.util.Objects.requireNonNull(guard, "guard"));
    }

    /** The folder archives are written to and verified from. */
    public Path archiveDir() {
        return archiveDir;
    }

    public static int validYears(int years) {
        if (years < MIN_YEARS || years > MAX_YEARS) {
            throw new IllegalArgumentException("Retention must be between " + MIN_YEARS + " and " + MAX_YEARS
                    + " years (got " + years + ")");
        }
        return years;
    }

    /**
     * Archives and removes the entries older than {@code years}; empty when nothing is that old.
     *
     * @throws IllegalArgumentException when {@code years} is outside 1–7
     * @throws RetentionRefused when a {@link RetentionGuard} forbids pruning that range (nothing is deleted)
     * @throws dev.arbiter.core.store.StoreException when the archive or the database cannot be written
     *         (nothing is deleted then)
     */
    public Optional<Pruned> prune(int years, String actor) {
        Instant now = clock.instant();
        String cutoff = AuditTime.format(now.atOffset(ZoneOffset.UTC).minusYears(validYears(years)).toInstant());
        long upTo = lastSeqOlderThan(cutoff);
        if (upTo <= 0) {
            return Optional.empty();
        }
        long from = database.read(c -> LedgerRows.chainStart(c).seq()) + 1;
        if (upTo < from) {
            return Optional.empty();
        }
        checkGuards(from, upTo);
        Path archive = archiveDir.resolve("audit-to-" + upTo + "-" + AuditTime.format(now).replace(":", "")
                + ".jsonl");
        RetentionArchive.Written written = database.read(c -> {
            try {
                return RetentionArchive.write(c, upTo, archive);
            } catch (IOException e) {
                throw new StoreException("Could not write the retention archive " + archive + ": " + e.getMessage()
                        + " (nothing was pruned)", e);
            }
        });
        if (written.lastSeq() != upTo) {
            return Optional.empty();
        }
        database.write(tx -> {
            // again under the write lock: a hold placed by another process since the first check counts too
            checkGuards(from, upTo);
            Checkpoint planned = new Checkpoint(0, upTo + 1, written.lastHash(), archive.getFileName().toString(),
                    written.sha256(), null);
            LedgerEntry record = ledger.appendWithin(tx, AuditEntry.of(PRUNED_EVENT).actor(actor)
                    .detail(AuditDetail.of("up_to_seq", upTo, "entries", written.entries(),
                            "archive", planned.archiveFile(), "archive_sha256", planned.archiveSha256(),
                            "link_hash", planned.prevHash(), "cutoff", cutoff, "retention_years", years))
                    .build());
            Checkpoint checkpoint = new Checkpoint(0, planned.firstSeq(), planned.prevHash(), planned.archiveFile(),
                    planned.archiveSha256(), record.seq());
            long id = CheckpointStore.insert(tx.connection(), checkpoint, AuditTime.format(now));
            CheckpointStore.deleteUnderPermit(tx.connection(), id, checkpoint, cutoff);
            return null;
        });
        return Optional.of(new Pruned(written.entries(), upTo, archive));
    }

    /** Asks every guard about {@code from}..{@code upTo}; the first objection stops the prune. */
    private void checkGuards(long from, long upTo) {
        for (RetentionGuard guard : guards) {
            Optional<String> refusal = guard.refusal(from, upTo);
            if (refusal.isPresent()) {
                throw new RetentionRefused("Nothing was pruned: " + refusal.get());
            }
        }
    }

    /** The end of the longest run of entries, from the oldest kept one, all written before {@code cutoff}. */
    private long lastSeqOlderThan(String cutoff) {
        return database.read(c -> LedgerRows.lastOfRunBefore(c, cutoff));
    }
}
