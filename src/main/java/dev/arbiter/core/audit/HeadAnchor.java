package dev.arbiter.core.audit;

import dev.arbiter.core.store.OwnerOnly;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The ledger's head, kept outside the database in {@code ledger.head}.
 *
 * <p>A hash chain alone proves that no entry was changed, removed or moved
 * between the first and the last entry, but not that the last entry is still
 * there: cutting off the tail leaves a shorter chain that verifies. So after
 * every commit the newest {@code seq} and {@code hash} are written to a file
 * beside the database; the verifier demands that the entry it names still
 * exists with that hash. The file is written after the commit, so it may lag
 * the database by a batch after a crash (it is a lower bound), but it never
 * names an entry that was not committed.
 *
 * <p>The file is created once, with the database. It is never recreated by
 * an ordinary write: when it is missing, unreadable, or disagrees with the
 * database, {@link #problemWith} names the problem and the ledger refuses to
 * write until a person restores the file or records a reset in the ledger
 * ({@link AnchorReset}). Otherwise the next write after a cut-off tail and a
 * deleted anchor would quietly anchor the cut chain (issue 13 §3). Someone who
 * can rewrite both the database and this file can still forge anything; signed
 * checkpoints (issue 18) are the upgrade path.
 */
public final class HeadAnchor {

    /** A position in the chain: {@code seq} 0 with the genesis hash is the empty ledger. */
    public record Head(long seq, String hash) {

        /** Where an empty ledger's chain starts. */
        public static Head genesis() {
            return new Head(0, CanonicalForm.GENESIS_HASH);
        }
    }

    /** What the anchor file says. */
    public sealed interface Reading {
    }

    /** There is no anchor file. */
    public record Missing() implements Reading {
    }

    /** The file exists but does not hold a head ({@code why} says what is wrong). */
    public record Unreadable(String why) implements Reading {
    }

    /** The file names this head. */
    public record Anchored(Head head) implements Reading {
    }

    /** Looks up an entry's hash inside the ledger, empty when there is no such entry (pruned or never written). */
    @FunctionalInterface
    interface HashLookup {
        Optional<String> hashOf(long seq) throws java.sql.SQLException;
    }

    private static final int RECORD_LENGTH = 20 + 1 + 64 + 1;
    private static final long RECHECK_AFTER_MS = 20;
    /** One lock object per anchor file for all the ledgers of this process that write it (tests open several). */
    private static final java.util.concurrent.ConcurrentMap<Path, Object> WRITERS_IN_THIS_PROCESS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Path file;
    /** This process's lock for writing {@link #file}, shared by every {@code HeadAnchor} of the same file. */
    private final Object writers;
    /**
     * The head this process last wrote to the file or read from it, null when unknown (not yet read, or a
     * write failed), and the file's size, modification time and identity just after. The check before each
     * commit trusts it when the ledger's head is that very entry and the file is untouched since (one
     * {@code stat}), so the writer does not re-read and parse the file per commit (issue 14). A removed,
     * replaced or rewritten file, any other head, and every verification read the file itself.
     */
    private Head known;
    private FileStamp knownStamp;
    /** The anchor file kept open by {@link #advance} between commits, and its identity; null when not open. */
    private FileChannel channel;
    private Object channelKey;

    /**
     * What {@code stat} says of the file: any write, replacement or removal changes it. The modification time is
     * kept in nanoseconds (as precise as the file system tells it): comparing {@code FileTime}s converted units
     * on every commit.
     */
    private record FileStamp(long size, long modifiedNanos, Object key) {
    }

    private FileStamp stamp() {
        try {
            var a = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
            return new FileStamp(a.size(), a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS),
                    a.fileKey());
        } catch (IOException e) {
            return null;
        }
    }

    /** Remembers {@code head} as what the file holds now (null: unknown). */
    private void remember(Head head) {
        known = head;
        knownStamp = head == null ? null : stamp();
    }

    public HeadAnchor(Path file) {
        this.file = file;
        this.writers = WRITERS_IN_THIS_PROCESS.computeIfAbsent(file.toAbsolutePath().normalize(), p -> new Object());
    }

    public Path file() {
        return file;
    }

    /** Reads the file afresh (another process may have moved it on, or someone removed it). */
    public synchronized Reading reading() {
        try {
            return new Anchored(parse(Files.readString(file, StandardCharsets.US_ASCII)));
        } catch (NoSuchFileException e) {
            return new Missing();
        } catch (IOException | RuntimeException e) {
            return new Unreadable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /**
     * Why the ledger must not be written on top of {@code ledgerHead} (the newest entry, or the chain start
     * when every entry was pruned), or empty when the anchor agrees with it. The anchor agrees when it names
     * the same entry, or an older one that is still there with the anchored hash (it lags after a crash, or
     * the database is newer than a restored anchor), or an older one that is gone, which only retention can
     * do (the verifier checks the pruned range against its archive).
     */
    Optional<String> problemWith(Head ledgerHead, HashLookup lookup) throws java.sql.SQLException {
        synchronized (this) {
            if (ledgerHead.equals(known) && knownStamp != null && knownStamp.equals(stamp())) {
                return Optional.empty(); // this process anchored exactly this entry, and the file is untouched
            }
        }
        Reading now = reading();
        Optional<String> problem = problemWith(now, ledgerHead, lookup);
        if (problem.isEmpty()) {
            if (now instanceof Anchored a && a.head().equals(ledgerHead)) {
                synchronized (this) {
                    remember(a.head());
                }
            }
            return problem;
        }
        // Another process may have been rewriting the record at the moment it was read: look once more.
        try {
            Thread.sleep(RECHECK_AFTER_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return problemWith(reading(), ledgerHead, lookup);
    }

    private Optional<String> problemWith(Reading reading, Head ledgerHead, HashLookup lookup)
            throws java.sql.SQLException {
        String fix = " Writing to the audit ledger has stopped. Restore " + file.getFileName()
                + " (and the database) from the same backup, or run `arbiter audit reset-anchor --reason \"...\"` "
                + "to record in the ledger that the anchor was reset, and go on.";
        if (reading instanceof Missing) {
            return Optional.of("The ledger head anchor " + file + " is missing, so a cut-off tail cannot be ruled "
                    + "out (the ledger ends at #" + ledgerHead.seq() + ")." + fix);
        }
        if (reading instanceof Unreadable u) {
            return Optional.of("The ledger head anchor " + file + " cannot be read (" + u.why() + ")." + fix);
        }
        Head anchored = ((Anchored) reading).head();
        if (anchored.seq() > ledgerHead.seq()) {
            return Optional.of("The ledger ends at #" + ledgerHead.seq() + " but its head anchor names #"
                    + anchored.seq() + ": the tail was cut off, or the database was restored from a backup older "
                    + "than " + file.getFileName() + "." + fix);
        }
        Optional<String> hash = anchored.seq() == ledgerHead.seq() ? Optional.of(ledgerHead.hash())
                : lookup.hashOf(anchored.seq());
        if (hash.isPresent() && !hash.get().equals(anchored.hash())) {
            return Optional.of("Entry #" + anchored.seq() + " is not the entry the head anchor " + file
                    + " recorded: the ledger was rewritten from there, or this anchor belongs to another "
                    + "workspace." + fix);
        }
        return Optional.empty();
    }

    /**
     * Writes the first anchor of a new ledger; does nothing if the file exists.
     *
     * @throws IOException when the file cannot be created
     */
    public synchronized void create(Head head) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(tmp);
        OwnerOnly.createFile(tmp);
        Files.write(tmp, record(head), StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        remember(head);
    }

    /**
     * Moves the anchor forward; never backward (another process may have written
     * a later head), and never creates the file (see the class comment). The
     * record has a fixed length and is rewritten in place with one small write;
     * a rename per commit cost more than the commit itself. The file stays open
     * between commits (opening it per commit was a third of the anchor's cost),
     * but the handle is used only while {@code stat} finds the same file at the
     * path: a removed or replaced anchor is noticed rather than written through
     * a handle to a file nobody reads.
     *
     * @throws IOException when the file is missing, damaged or cannot be written
     */
    public synchronized void advance(Head head) throws IOException {
        remember(null);
        Head now;
        try {
            FileChannel channel = channel();
            // Read, compare and write as one step against every other writer of this file: another process (an
            // OS file lock) or another ledger of this process (a JVM lock; the OS lock does not exclude it). Else
            // a writer that read an older head could write its own over a newer one: the anchor moved backwards.
            synchronized (writers) {
                try (FileLock exclusive = channel.lock()) {
                    ByteBuffer current = ByteBuffer.allocate(RECORD_LENGTH);
                    channel.read(current, 0);
                    Head there = parse(current.array(), current.position());
                    if (there.seq() >= head.seq()) {
                        now = there;
                    } else {
                        channel.write(ByteBuffer.wrap(record(head)), 0);
                        now = head;
                    }
                }
            }
        } catch (RuntimeException damaged) {
            throw new IOException(file + " is damaged: " + damaged.getMessage(), damaged);
        } catch (IOException e) {
            closeChannel();
            throw e;
        }
        remember(now);
    }

    /** The open anchor file, reopened when the path now names another file (or none: then it fails). */
    private FileChannel channel() throws IOException {
        FileStamp now = stamp();
        if (now == null) {
            closeChannel();
            throw new NoSuchFileException(file.toString());
        }
        if (channel == null || !java.util.Objects.equals(now.key(), channelKey) || now.key() == null) {
            closeChannel();
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            channelKey = now.key();
        }
        return channel;
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing was written through it since the last write that succeeded
            }
            channel = null;
            channelKey = null;
        }
    }

    /** Closes the open anchor file, if any (the ledger is closing); a later {@link #advance} opens it again. */
    public synchronized void close() {
        closeChannel();
    }

    /**
     * Replaces whatever the file holds with {@code head}: only for a reset that the
     * ledger has recorded ({@link AnchorReset}).
     */
    synchronized void replace(Head head) throws IOException {
        closeChannel();
        Files.deleteIfExists(file);
        create(head);
    }

    /**
     * The record: {@code seq} as 20 decimal digits, a space, the hash, a line feed (what {@code "%020d %s\n"}
     * gives, without a {@code Formatter} per commit).
     */
    static byte[] record(Head head) {
        if (head.seq() < 0) {
            throw new IllegalArgumentException("a ledger position is never negative: " + head.seq());
        }
        byte[] hash = head.hash().getBytes(StandardCharsets.US_ASCII);
        String digits = Long.toString(head.seq()); // at most 19 digits
        byte[] out = new byte[20 + 1 + hash.length + 1];
        java.util.Arrays.fill(out, 0, 20 - digits.length(), (byte) '0');
        for (int i = 0; i < digits.length(); i++) {
            out[20 - digits.length() + i] = (byte) digits.charAt(i);
        }
        out[20] = ' ';
        System.arraycopy(hash, 0, out, 21, hash.length);
        out[out.length - 1] = '\n';
        return out;
    }

    /**
     * Reads the record as {@link #record} writes it ({@code %020d}, a space, 64 lower-case hex digits) without
     * regular expressions or string splitting; anything else is read by {@link #parse(String)}.
     */
    private static Head parse(byte[] bytes, int length) {
        if (length < RECORD_LENGTH - 1 || bytes[20] != ' ' || (length > RECORD_LENGTH - 1 && bytes[85] != '\n')
                || length > RECORD_LENGTH) {
            return parse(new String(bytes, 0, length, StandardCharsets.US_ASCII));
        }
        long seq = 0;
        for (int i = 0; i < 20; i++) {
            int d = bytes[i] - '0';
            if (d < 0 || d > 9 || seq > (Long.MAX_VALUE - d) / 10) {
                return parse(new String(bytes, 0, length, StandardCharsets.US_ASCII));
            }
            seq = seq * 10 + d;
        }
        for (int i = 21; i < 85; i++) {
            byte b = bytes[i];
            if (!(b >= '0' && b <= '9' || b >= 'a' && b <= 'f')) {
                return parse(new String(bytes, 0, length, StandardCharsets.US_ASCII));
            }
        }
        return new Head(seq, new String(bytes, 21, 64, StandardCharsets.US_ASCII));
    }

    private static Head parse(String text) {
        String[] parts = text.trim().split("\\s+");
        if (parts.length != 2 || !parts[1].matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("expected a seq and a 64-digit hash, found \""
                    + (text.length() > 40 ? text.substring(0, 40) + "…" : text.trim()) + "\"");
        }
        return new Head(Long.parseLong(parts[0]), parts[1]);
    }
}
