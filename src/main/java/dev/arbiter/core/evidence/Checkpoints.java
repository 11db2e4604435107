package dev.arbiter.core.evidence;

import dev.arbiter.core.store.Settings;
import dev.arbiter.core.audit.AuditAppended;
import dev.arbiter.core.audit.AuditLedger;
import dev.arbiter.core.audit.AuditTime;
import dev.arbiter.core.audit.EntryHashes;
import dev.arbiter.core.event.Events;
import dev.arbiter.core.store.Database;
import dev.arbiter.core.store.OwnerOnly;
import dev.arbiter.core.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes signed checkpoints of the ledger (issue 18): a C2SP tlog-checkpoint over the RFC 6962 Merkle tree of the
 * entry hashes, signed with the workspace's Ed25519 key, stored in {@code signed_checkpoint} and the newest also
 * in {@code ledger.checkpoint} beside the database. One is written on demand ({@link #checkpoint()}) and, off the
 * hot path on this service's own thread, every {@value #DEFAULT_EVERY_ENTRIES} entries or
 * {@value #DEFAULT_EVERY_MINUTES} minutes (settings {@value #EVERY_ENTRIES} and {@value #EVERY_MINUTES}).
 *
 * <p>The private key is created on first use in an owner-only file, by default {@code audit-signing.key} in
 * the data directory, or at the path of setting {@value #KEY_FILE} (e.g. on a token or another disk). It never
 * enters the database. Each host of a PostgreSQL team signs with its own key; the tree size is the table's key,
 * so two writers checkpointing the same head store one checkpoint.
 */
public final class Checkpoints implements AutoCloseable {

    public static final String EVERY_ENTRIES = "audit.checkpoint.every_entries";
    public static final String EVERY_MINUTES = "audit.checkpoint.every_minutes";
    public static final String KEY_FILE = "audit.signing.key_file";
    public static final String ORIGIN = "audit.ledger.origin";
    public static final int DEFAULT_EVERY_ENTRIES = 10_000;
    public static final int DEFAULT_EVERY_MINUTES = 60;

    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);

    /** A checkpoint that was just written. */
    public record Written(SignedCheckpoint checkpoint, SignedNote note) {
    }

    private final Database database;
    private final AuditLedger ledger;
    private final Settings settings;
    private final Path defaultKeyFile;
    private final Path latestFile;
    private final Clock clock;
    private final ScheduledExecutorService worker;
    private volatile boolean started;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicLong sinceLast = new AtomicLong();
    private final AutoCloseable subscription;
    private volatile Instant lastWritten;
    private final EntryHashes hashes;
    private final LedgerTree tree;
    private SigningKey key;

    /**
     * @param defaultKeyFile where the private key lives unless setting {@value #KEY_FILE} names another file
     * @param latestFile     the copy of the newest checkpoint kept beside the database
     */
    public Checkpoints(Database database, AuditLedger ledger, EntryHashes hashes, Settings settings,
                       Path defaultKeyFile, Path latestFile, Events events, Clock clock) {
        this.database = database;
        this.ledger = ledger;
        this.settings = settings;
        this.defaultKeyFile = defaultKeyFile;
        this.latestFile = latestFile;
        this.clock = clock;
        this.hashes = hashes;
        this.tree = new LedgerTree(hashes);
        this.lastWritten = clock.instant();
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "arbiter-checkpoints");
            t.setDaemon(true);
            return t;
        });
        // Runs on the ledger's events thread: only count and hand off, never block (the next entries wait).
        this.subscription = events.subscribe(AuditAppended.class, appended -> {
            long n = sinceLast.addAndGet(appended.entries().size());
            if (n >= Math.max(1, settings.getInt(EVERY_ENTRIES, DEFAULT_EVERY_ENTRIES))) {
                schedule();
            }
        });
    }

    /**
     * Starts writing checkpoints on the {@code arbiter-checkpoints} thread: every
     * {@value #DEFAULT_EVERY_ENTRIES} entries or {@value #DEFAULT_EVERY_MINUTES} minutes by default (settings). Until then entries are only
     * counted; a one-shot command never starts it, and the next long-running process signs them. Idempotent.
     */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        worker.scheduleWithFixedDelay(() -> {
            Duration every = Duration.ofMinutes(Math.max(1, settings.getInt(EVERY_MINUTES, DEFAULT_EVERY_MINUTES)));
            if (sinceLast.get() > 0 && !clock.instant().isBefore(lastWritten.plus(every))) {
                schedule();
            }
        }, 1, 1, TimeUnit.MINUTES);
        if (sinceLast.get() >= Math.max(1, settings.getInt(EVERY_ENTRIES, DEFAULT_EVERY_ENTRIES))) {
            schedule();
        }
    }

    private void schedule() {
        if (started && queued.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    queued.set(false);
                    try {
                        checkpoint();
                    } catch (RuntimeException e) {
                        LOG.warn("Could not write a signed checkpoint: {}", e.getMessage(), e);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                queued.set(false);
            }
        }
    }

    /** The file the private key is read from (created there on first use). */
    public Path keyFile() {
        return settings.get(KEY_FILE).filter(s -> !s.isBlank()).map(Path::of).orElse(defaultKeyFile);
    }

    /** The ledger's Merkle tree, with this process's cache of its subtrees: for receipts and bundles. */
    LedgerTree tree() {
        return tree;
    }

    /** The workspace's database (the evidence bundle reads the policy versions in force from it). */
    Database database() {
        return database;
    }

    /** Where the Merkle leaves come from (a witness request's consistency proof reads them). */
    EntryHashes entryHashes() {
        return hashes;
    }

    /** The newest checkpoint's copy beside the database. */
    public Path latestFile() {
        return latestFile;
    }

    /**
     * The workspace's signing key, created on first use.
     *
     * @throws StoreException when the key file cannot be read or created (the message names it)
     */
    public synchronized SigningKey key() {
        if (key == null) {
            Path file = keyFile();
            try {
                key = SigningKey.loadOrCreate(file, origin());
            } catch (IOException e) {
                throw new StoreException("The audit signing key " + file + " cannot be read or created: "
                        + e.getMessage() + ". Check the file and its folder, or set " + KEY_FILE
                        + " to another path.", e);
            }
            publish(key.publicKey(), file);
        }
        return key;
    }

    /** Adds this host's public key to the workspace's key set (a read-only database keeps it unpublished). */
    private void publish(NoteKey publicKey, Path file) {
        String host = System.getenv().getOrDefault("HOSTNAME", "host") + ":" + file.toAbsolutePath();
        try {
            database.write(tx -> SigningKeyStore.publish(tx.connection(), publicKey, host,
                    AuditTime.format(clock.instant())));
        } catch (StoreException e) {
            LOG.warn("Could not publish the signing key {} in the workspace's key set: {}", publicKey.verifierKey(),
                    e.getMessage());
        }
    }

    /**
     * The workspace's published signing-key set (issue 18, team mode): every host of a PostgreSQL team signs
     * checkpoints with its own key and publishes the public half here on first use, so a checkpoint covering an
     * entry may carry another host's signature. Includes this host's key when it exists. An auditor should get
     * this list from its owner through another channel ({@code arbiter audit key export}), not from the database.
     */
    public List<NoteKey> keySet() {
        List<NoteKey> keys = new ArrayList<>();
        existingPublicKey().ifPresent(keys::add);
        for (String k : database.read(SigningKeyStore::all)) {
            NoteKey parsed = NoteKey.parse(k);
            if (!keys.contains(parsed)) {
                keys.add(parsed);
            }
        }
        return keys;
    }

    /**
     * The keys {@code audit verify} trusts without {@code --public-key}: on a shared (PostgreSQL) database the
     * team's key set, whose hosts are trusted alike; on a single-user SQLite file only this workspace's own key, so
     * that whoever can write the file cannot make a key of theirs trusted by adding it to the set.
     */
    public List<NoteKey> trustedKeys() {
        if (database.dialect() == dev.arbiter.core.store.SqlDialect.POSTGRESQL) {
            return keySet();
        }
        return existingPublicKey().map(List::of).orElse(List.of());
    }

    /** The public key of {@link #key()}, without creating one: empty when the key file does not exist yet. */
    public Optional<NoteKey> existingPublicKey() {
        try {
            return Optional.of(SigningKey.load(keyFile()).publicKey());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("The audit signing key " + keyFile() + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The ledger's name in its checkpoints, chosen once per workspace ({@code arbiter-ledger/<uuid>}). */
    public String origin() {
        Optional<String> set = settings.get(ORIGIN);
        if (set.isPresent()) {
            return set.get();
        }
        settings.put(ORIGIN, "arbiter-ledger/" + UUID.randomUUID());
        return settings.get(ORIGIN).orElseThrow();
    }

    /**
     * Signs a checkpoint of the ledger as it is now; empty when the newest stored checkpoint already covers
     * every entry (or the ledger is empty).
     *
     * @throws StoreException when the key, the entries or the database cannot be read or written
     */
    public synchronized Optional<Written> checkpoint() {
        long head = ledger.headSeq();
        long covered = database.read(c -> SignedCheckpointStore.latest(c).map(SignedCheckpointStore.Row::treeSize)
                .orElse(0L));
        if (head == 0 || head <= covered) {
            return Optional.empty();
        }
        SignedCheckpoint checkpoint = new SignedCheckpoint(origin(), head, tree.root(head));
        SignedNote note = SignedNote.sign(checkpoint.text(), key());
        String text = note.format();
        boolean stored = database.write(tx -> SignedCheckpointStore.insert(tx.connection(), head, text,
                AuditTime.format(clock.instant())));
        sinceLast.set(0);
        lastWritten = clock.instant();
        if (!stored) {
            return Optional.empty();
        }
        keepLatest(head, text);
        return Optional.of(new Written(checkpoint, note));
    }

    /**
     * The newest stored checkpoint's size, time and signers; empty when none was signed yet.
     *
     * @throws IllegalArgumentException when the stored note is not a signed checkpoint (it was altered)
     */
    public Optional<CheckpointSummary> latest() {
        return database.read(SignedCheckpointStore::newestWithTime)
                .map(row -> CheckpointSummary.of(row[0], AuditTime.parse(row[1])));
    }

    /** Every stored checkpoint note, smallest tree first, with the witnesses' cosignatures imported for it. */
    public List<String> all() {
        return database.read(c -> {
            var cosigned = CosignatureStore.linesBySize(c);
            return SignedCheckpointStore.all(c).stream()
                    .map(r -> withLines(r.note(), cosigned.getOrDefault(r.treeSize(), List.of()))).toList();
        });
    }

    /**
     * The smallest stored checkpoint that covers entry {@code seq}, as its note text with the witnesses'
     * cosignatures imported for it.
     */
    public Optional<String> covering(long seq) {
        return database.read(c -> {
            Optional<SignedCheckpointStore.Row> row = SignedCheckpointStore.covering(c, seq);
            if (row.isEmpty()) {
                return Optional.<String>empty();
            }
            return Optional.of(withLines(row.get().note(), CosignatureStore.lines(c, row.get().treeSize())));
        });
    }

    /**
     * The checkpoint an evidence bundle of entries up to {@code seq} leads to: the smallest covering one that a
     * witness cosigned, so the auditor can check it against the witness, else the smallest covering one.
     */
    public Optional<String> coveringForEvidence(long seq) {
        return database.read(c -> {
            Optional<SignedCheckpointStore.Row> row = SignedCheckpointStore.coveringPreferCosigned(c, seq);
            if (row.isEmpty()) {
                return Optional.<String>empty();
            }
            return Optional.of(withLines(row.get().note(), CosignatureStore.lines(c, row.get().treeSize())));
        });
    }

    /**
     * The witnesses whose cosignature of {@code note} (a checkpoint note as {@link #coveringForEvidence} returns
     * it) verifies, each with the time it cosigned, by witness name; keys imported for that checkpoint whose line no
     * longer verifies (the checkpoint was re-signed) are left out.
     */
    public List<WitnessedBy> witnessesOf(String note) {
        SignedNote signed = SignedNote.parse(note);
        long size = SignedCheckpoint.parse(signed.text()).size();
        List<WitnessedBy> out = new ArrayList<>();
        for (String k : database.read(c -> CosignatureStore.witnesses(c, size))) {
            CosignerKey key;
            try {
                key = CosignerKey.parse(k);
            } catch (IllegalArgumentException unreadable) {
                LOG.warn("A stored witness key of the checkpoint of {} entries cannot be read: {}", size, k);
                continue;
            }
            key.cosignedAt(signed).ifPresent(at -> out.add(new WitnessedBy(key, at)));
        }
        return out;
    }

    /** A witness that cosigned a checkpoint, and when (the time in its cosignature, whole seconds). */
    public record WitnessedBy(CosignerKey witness, Instant at) {
    }

    /** A note with more signature lines appended (each a complete {@code — name base64} line). */
    private static String withLines(String note, List<String> lines) {
        StringBuilder b = new StringBuilder(note);
        for (String line : lines) {
            if (note.lines().noneMatch(line::equals)) {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }

    /** Writes the newest checkpoint beside the database, never replacing a larger one. */
    private void keepLatest(long size, String note) {
        try {
            Optional<Long> kept = readLatestSize();
            if (kept.isPresent() && kept.get() >= size) {
                return;
            }
            Path tmp = latestFile.resolveSibling("." + latestFile.getFileName() + ".new");
            Files.deleteIfExists(tmp);
            OwnerOnly.createFile(tmp);
            Files.write(tmp, note.getBytes(StandardCharsets.UTF_8), StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            Files.move(tmp, latestFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            LOG.warn("The checkpoint of {} entries is stored, but its copy {} could not be written: {}", size,
                    latestFile, e.getMessage());
        }
    }

    private Optional<Long> readLatestSize() throws IOException {
        if (!Files.exists(latestFile)) {
            return Optional.empty();
        }
        try {
            return Optional.of(SignedCheckpoint.parse(SignedNote.parse(
                    Files.readString(latestFile, StandardCharsets.UTF_8)).text()).size());
        } catch (IllegalArgumentException damaged) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.debug("unsubscribe failed", e);
        }
        worker.shutdown();
    }
}
