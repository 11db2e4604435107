package dev.arbiter.core.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Verifies an evidence bundle's entries file ({@value EvidenceBundle#ENTRIES}: one stored entry body a line, each
 * line ended by a line feed and exactly the bytes its hash covers) against a {@link RangeProof} and a checkpoint's
 * root, in one streaming pass: each line must be the entry its position says ({@code {"seq":N,"prev_hash":"…"}
 * first}), name the hash of the line before it, and together with the proof's subtrees the lines' hashes must fold
 * to the signed root. Nothing after the last line feed is allowed, so the lines determine every byte of the file.
 *
 * <p>The checks run on the raw bytes (no UTF-8 decoding, no JSON parsing: the two fields the checks need are at
 * fixed places at the start of every body). One thread reads (and inflates) the file into blocks of whole lines;
 * a pool of one thread per core hashes the blocks' lines and checks their headers; the caller's thread takes the
 * blocks back in file order, checks the links between blocks and folds the leaves into the tree. At most
 * {@code 2 × cores + 2} blocks of about {@value #BLOCK} bytes are held at once, and a line may be at most
 * {@value #MAX_LINE} bytes.
 *
 * <p>A bundle of format v4 splits the entries into files of {@value EvidenceBundle#ENTRIES_PER_FILE} lines
 * ({@link #verify(Members, RangeProof, byte[], int)}): each file is inflated and hashed by one thread of the pool,
 * so inflating (the one stage a single stream cannot share out) runs on every core too. The caller folds the
 * files in order; at most {@code cores + 2} files are in flight, each holding one block and its leaf hashes.
 */
final class EntryLines {

    static final int BLOCK = 1 << 20;
    static final int MAX_LINE = 16 << 20;

    private static final int HASH = MerkleTree.HASH_BYTES;
    private static final int HEX_HASH = 2 * HASH;
    private static final byte[] SEQ = "{\"seq\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PREV = ",\"prev_hash\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final ThreadLocal<MessageDigest> SHA = ThreadLocal.withInitial(MerkleTree::sha256);

    /** How a pass ended: the problem, if any, and how many entries were read. */
    record Result(Optional<String> problem, long count) {
    }

    /** A block of whole lines; {@code unterminated}: its last line has no line feed (the file ended). */
    private record Block(byte[] data, int length, boolean unterminated) {
    }

    /**
     * Sees every block of whole lines that hashed without a problem, on a hashing thread (blocks in any order, several
     * at once), so that a check that needs each line's content (e.g. {@link PolicyMentions}) runs beside the
     * hashing, not in it. The block's bytes must not be changed.
     */
    interface BlockScan {
        BlockScan NONE = (data, length) -> { };

        void scan(byte[] data, int length);
    }

    /** What is wrong with a line, found by a hasher without knowing where its block starts. */
    private enum Kind { NOT_ENTRY, WRONG_SEQ, NO_PREV, BAD_LINK, UNTERMINATED }

    /** The first problem of a block: at its line {@code line} (from 0); {@code stated} the seq it holds, -1 none. */
    private record Fault(int line, Kind kind, long stated) {
    }

    /**
     * A hashed block: the leaf hashes of its first {@code lines} lines back to back, the seq and prev_hash (hex)
     * its first line states, the hash (hex) of its last good line, and the problem that stopped it, if any.
     */
    private record Hashed(int lines, byte[] leaves, long firstStated, byte[] firstPrev, byte[] lastHex, Fault fault) {
    }

    /**
     * The entries files of a v4 bundle, in order: file {@code i} holds lines {@code i × perFile + 1} to
     * {@code (i + 1) × perFile} of the range (the last file the rest).
     */
    interface Members {

        /** How many files the bundle holds (the caller checked it is the count the range needs). */
        int count();

        /** How many lines every file but the last holds. */
        int perFile();

        /** The file's name, for messages. */
        String name(int index);

        /** Opens file {@code index}; called from the pool's threads, each file once. */
        InputStream open(int index) throws IOException;
    }

    private EntryLines() {
    }

    /**
     * Reads {@code in} to its end (unless a problem stops it first).
     *
     * @param root the signed checkpoint's root the range must fold to
     * @throws IOException when {@code in} cannot be read (a problem with the bytes is a {@link Result}, not this)
     */
    static Result verify(InputStream in, RangeProof proof, byte[] root) throws IOException {
        return verify(in, proof, root, BLOCK, BlockScan.NONE);
    }

    /** As {@link #verify(InputStream, RangeProof, byte[])}, showing each good block to {@code scan}. */
    static Result verify(InputStream in, RangeProof proof, byte[] root, BlockScan scan) throws IOException {
        return verify(in, proof, root, BLOCK, scan);
    }

    /** As {@link #verify(InputStream, RangeProof, byte[])} with blocks of about {@code block} bytes (tests). */
    static Result verify(InputStream in, RangeProof proof, byte[] root, int block) throws IOException {
        return verify(in, proof, root, block, BlockScan.NONE);
    }

    private static Result verify(InputStream in, RangeProof proof, byte[] root, int block, BlockScan scan)
            throws IOException {
        CompactRange tree;
        try {
            tree = proof.start();
        } catch (IllegalArgumentException e) {
            return problem("The range proof is malformed: " + e.getMessage() + ".", 0);
        }
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService hashers = pool(cores, "arbiter-bundle-hash");
        BlockingQueue<CompletableFuture<Hashed>> queue = new ArrayBlockingQueue<>(2 * cores + 2);
        Reader reader = new Reader(in, block, queue, hashers, scan);
        Thread thread = new Thread(reader, "arbiter-bundle-read");
        thread.setDaemon(true);
        thread.start();
        try {
            return fold(queue, proof, root, tree);
        } finally {
            reader.stop = true;
            queue.clear();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            hashers.shutdownNow();
        }
    }

    /** Takes the hashed blocks in file order and folds them ({@link Fold}). */
    private static Result fold(BlockingQueue<CompletableFuture<Hashed>> queue, RangeProof proof, byte[] root,
                               CompactRange tree) throws IOException {
        Fold fold = new Fold(proof, root, tree, line -> "line " + line);
        while (true) {
            Hashed h;
            try {
                h = done(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while verifying", e);
            }
            if (h == null) {
                return fold.finish();
            }
            Optional<Result> problem = fold.accept(h);
            if (problem.isPresent()) {
                return problem.get();
            }
        }
    }

    /**
     * Verifies the entries files of a v4 bundle ({@link Members}): one task per file inflates and hashes it on the
     * pool, the caller folds the files in order and checks that every file but the last holds exactly
     * {@link Members#perFile()} lines, so that how the lines are split over the files is fixed as well.
     *
     * @param block the size in bytes of the blocks each file is read in (tests use small ones)
     * @throws IOException when a file cannot be read (a problem with the bytes is a {@link Result}, not this)
     */
    static Result verify(Members members, RangeProof proof, byte[] root, int block) throws IOException {
        return verify(members, proof, root, block, BlockScan.NONE);
    }

    /** As {@link #verify(Members, RangeProof, byte[], int)}, showing each good block to {@code scan} (on pool threads). */
    static Result verify(Members members, RangeProof proof, byte[] root, int block, BlockScan scan)
            throws IOException {
        CompactRange tree;
        try {
            tree = proof.start();
        } catch (IllegalArgumentException e) {
            return problem("The range proof is malformed: " + e.getMessage() + ".", 0);
        }
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = pool(cores, "arbiter-bundle-member");
        int perFile = members.perFile();
        Fold fold = new Fold(proof, root, tree, line -> "line " + ((line - 1) % perFile + 1) + " of "
                + members.name((int) ((line - 1) / perFile)));
        java.util.ArrayDeque<CompletableFuture<List<Hashed>>> inFlight = new java.util.ArrayDeque<>();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        int submitted = 0;
        try {
            for (int i = 0; i < members.count(); i++) {
                while (submitted < members.count() && inFlight.size() < cores + 2) {
                    int index = submitted++;
                    inFlight.add(CompletableFuture.supplyAsync(() -> hashMember(members, index, block, stop, scan),
                            pool));
                }
                long before = fold.lines();
                for (Hashed h : done(inFlight.remove())) {
                    Optional<Result> problem = fold.accept(h);
                    if (problem.isPresent()) {
                        return problem.get();
                    }
                }
                long held = fold.lines() - before;
                if (i < members.count() - 1 && held != perFile) {
                    return problem(members.name(i) + " holds " + held + " entries, but every entries file but the "
                            + "last holds exactly " + perFile + " (this one entries #" + (proof.firstSeq()
                            + (long) i * perFile) + " to #" + (proof.firstSeq() + (long) (i + 1) * perFile - 1)
                            + "): entries were removed, added or moved between files.", fold.lines());
                }
            }
            return fold.finish();
        } finally {
            stop.set(true);
            pool.shutdownNow();
            try {
                // Like the single stream's reader: no thread of this verify outlives it.
                pool.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One daemon thread a core, so a verify a caller abandons never keeps the process alive. */
    private static ExecutorService pool(int cores, String name) {
        return Executors.newFixedThreadPool(cores, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Inflates and hashes one file in blocks of whole lines, on a pool thread; stops at its first problem. */
    private static List<Hashed> hashMember(Members members, int index, int block,
                                           java.util.concurrent.atomic.AtomicBoolean stop, BlockScan scan) {
        List<Hashed> out = new java.util.ArrayList<>();
        try (InputStream in = members.open(index)) {
            // Each block is hashed before the next is read, so one buffer serves the whole file: no allocation
            // a block (a 1 MB array is a humongous object to G1).
            Blocks blocks = new Blocks(in, block, true);
            for (Block b = blocks.next(); b != null && !stop.get(); b = blocks.next()) {
                Hashed h = hash(b);
                out.add(h);
                if (h.fault() != null) {
                    break;
                }
                scan.scan(b.data(), b.length()); // before the next block reuses the buffer
            }
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(new IOException(members.name(index) + ": " + e.getMessage(), e));
        }
    }

    /** The value of a finished task; its {@link IOException} rethrown as is. */
    private static <T> T done(CompletableFuture<T> task) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while verifying", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("hashing a block failed", cause);
        }
    }

    /**
     * Takes the hashed blocks in file order, checks what no single block can (the first line's seq and link to
     * the block before), and folds the leaves into the range. {@code lineName} names a line (from 1) in messages.
     */
    private static final class Fold {

        private final RangeProof proof;
        private final byte[] root;
        private final CompactRange tree;
        private final java.util.function.LongFunction<String> lineName;
        private long seq;
        private long line;
        private byte[] previousHex;

        Fold(RangeProof proof, byte[] root, CompactRange tree, java.util.function.LongFunction<String> lineName) {
            this.proof = proof;
            this.root = root;
            this.tree = tree;
            this.lineName = lineName;
            this.seq = proof.firstSeq();
        }

        /** How many lines were folded. */
        long lines() {
            return line;
        }

        /** Folds the next block; the problem that ends the verify, if it has one. */
        Optional<Result> accept(Hashed h) {
            Fault fault = h.fault();
            int looked = h.lines() + (fault == null ? 0 : 1);
            if (looked > 0 && (fault == null || fault.line() > 0)) {
                // The block's first line passed its own checks; only here is it known which entry it must be.
                if (h.firstStated() != seq) {
                    fault = new Fault(0, Kind.WRONG_SEQ, h.firstStated());
                } else if (previousHex != null && !Arrays.equals(h.firstPrev(), previousHex)) {
                    fault = new Fault(0, Kind.BAD_LINK, seq);
                }
            } else if (fault != null && fault.line() == 0 && fault.kind() == Kind.NO_PREV && fault.stated() != seq) {
                fault = new Fault(0, Kind.WRONG_SEQ, fault.stated()); // the seq is checked before the prev_hash
            }
            long past = proof.lastSeq() + 1 - seq;
            if (past < looked && (fault == null || past <= fault.line())) {
                return Optional.of(problem(capital(lineName.apply(line + past + 1)) + " is past the last entry the "
                        + "range proof covers (#" + proof.lastSeq() + "): entries were added.", line + past));
            }
            if (fault != null) {
                return Optional.of(problem(describe(fault, lineName.apply(line + fault.line() + 1),
                        seq + fault.line()), line + fault.line()));
            }
            tree.appendLeaves(h.leaves(), 0, h.lines());
            seq += h.lines();
            line += h.lines();
            if (h.lines() > 0) {
                previousHex = h.lastHex();
            }
            return Optional.empty();
        }

        /** After the last block: every entry of the range was there, and they fold to the signed root. */
        Result finish() {
            if (seq <= proof.lastSeq()) {
                return problem("The entries file ends before entry #" + seq + ", but the range proof covers #"
                        + proof.firstSeq() + " to #" + proof.lastSeq() + ": entries were removed.", line);
            }
            byte[] folded;
            try {
                folded = proof.finish(tree);
            } catch (IllegalArgumentException e) {
                return problem("The range proof is malformed: " + e.getMessage() + ".", line);
            }
            if (!Arrays.equals(folded, root)) {
                return problem("Entries #" + proof.firstSeq() + " to #" + proof.lastSeq() + " are not the entries "
                        + "the signed checkpoint of " + proof.treeSize() + " entries covers: entry #"
                        + proof.lastSeq() + " or the range proof was altered, or the checkpoint is not this "
                        + "ledger's.", line);
            }
            return new Result(Optional.empty(), line);
        }

        private static String capital(String s) {
            return Character.toUpperCase(s.charAt(0)) + s.substring(1);
        }

        private static String describe(Fault fault, String line, long seq) {
            return switch (fault.kind()) {
                case NOT_ENTRY -> capital(line) + " is not a ledger entry (it does not start with {\"seq\":): the "
                        + "entries file was altered.";
                case WRONG_SEQ -> capital(line) + " holds entry #" + (fault.stated() < 0 ? "?" : Long.toString(
                        fault.stated())) + " where entry #" + seq + " belongs: entries were removed, inserted or "
                        + "reordered.";
                case NO_PREV -> "Entry #" + seq + " (" + line + ") has no prev_hash: it was altered.";
                case BAD_LINK -> "Entry #" + seq + " (" + line + ") does not name the hash of entry #" + (seq - 1)
                        + " as its prev_hash: entry #" + (seq - 1) + " or #" + seq + " was altered.";
                case UNTERMINATED -> capital(line) + " (entry #" + seq + ") does not end with a line feed: the "
                        + "entries file was cut short or bytes were added after its last entry.";
            };
        }
    }

    /**
     * Hashes every line of a block and checks each line's header: it starts as an entry, states the seq after
     * the one before it in the block, and names the hash of the line before it. Stops at the first problem.
     */
    private static Hashed hash(Block block) {
        MessageDigest sha = SHA.get();
        byte[] b = block.data();
        int length = block.length();
        byte[] leaves = new byte[HASH * Math.max(1, estimateLines(b, length))];
        byte[] hash = new byte[HASH];
        byte[] hex = new byte[HEX_HASH];
        byte[] firstPrev = null;
        long firstStated = -1;
        int lines = 0;
        int start = 0;
        while (start < length) {
            int end = newline(b, start, length);
            if (end == length && block.unterminated()) {
                return new Hashed(lines, leaves, firstStated, firstPrev, hex, new Fault(lines, Kind.UNTERMINATED,
                        -1));
            }
            if (!startsWith(b, start, end, SEQ)) {
                return new Hashed(lines, leaves, firstStated, firstPrev, hex, new Fault(lines, Kind.NOT_ENTRY, -1));
            }
            int p = start + SEQ.length;
            long stated = 0;
            int digits = 0;
            while (p < end && b[p] >= '0' && b[p] <= '9' && digits < 19) {
                stated = stated * 10 + (b[p++] - '0');
                digits++;
            }
            if (digits == 0 || (lines > 0 && stated != firstStated + lines)) {
                return new Hashed(lines, leaves, firstStated, firstPrev, hex, new Fault(lines, Kind.WRONG_SEQ,
                        digits == 0 ? -1 : stated));
            }
            if (!startsWith(b, p, end, PREV) || p + PREV.length + HEX_HASH + 1 > end
                    || b[p + PREV.length + HEX_HASH] != '"') {
                return new Hashed(lines, leaves, firstStated, firstPrev, hex, new Fault(lines, Kind.NO_PREV, stated));
            }
            p += PREV.length;
            if (lines == 0) {
                firstStated = stated;
                firstPrev = Arrays.copyOfRange(b, p, p + HEX_HASH);
            } else if (!Arrays.equals(b, p, p + HEX_HASH, hex, 0, HEX_HASH)) {
                return new Hashed(lines, leaves, firstStated, firstPrev, hex, new Fault(lines, Kind.BAD_LINK, stated));
            }
            if ((lines + 1) * HASH > leaves.length) {
                leaves = Arrays.copyOf(leaves, 2 * leaves.length);
            }
            sha.update(b, start, end - start);
            digest(sha, hash, 0);
            sha.update((byte) 0);
            sha.update(hash);
            digest(sha, leaves, lines * HASH);
            for (int i = 0; i < HASH; i++) {
                hex[2 * i] = HEX[(hash[i] >> 4) & 0xf];
                hex[2 * i + 1] = HEX[hash[i] & 0xf];
            }
            lines++;
            start = end + 1;
        }
        return new Hashed(lines, leaves, firstStated, firstPrev, hex, null);
    }

    /** A guess at a block's line count from its first line, so that the leaves rarely need to grow. */
    private static int estimateLines(byte[] b, int length) {
        int first = newline(b, 0, length);
        return length / Math.max(1, first + 1) + 1;
    }

    /** The index of the first line feed in {@code b[from, to)}, else {@code to}: eight bytes a step. */
    static int newline(byte[] b, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long x = (long) LONGS.get(b, i) ^ 0x0A0A0A0A0A0A0A0AL;
            // A zero byte of x is a line feed; the lowest flagged byte is always a real one.
            long found = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return to;
    }

    private static boolean startsWith(byte[] b, int p, int e, byte[] prefix) {
        return p + prefix.length <= e && Arrays.equals(b, p, p + prefix.length, prefix, 0, prefix.length);
    }

    private static void digest(MessageDigest sha, byte[] out, int offset) {
        try {
            sha.digest(out, offset, HASH);
        } catch (DigestException e) {
            throw new IllegalStateException("32 bytes hold a SHA-256", e);
        }
    }

    private static Result problem(String text, long count) {
        return new Result(Optional.of(text), count);
    }

    /**
     * Reads blocks of whole lines and hands each to the hashers, queueing the result in file order; a null
     * result ends the file. Stops when told to, at the end, or when the queue stays full because the checker
     * stopped.
     */
    private static final class Reader implements Runnable {

        private final InputStream in;
        private final int block;
        private final BlockingQueue<CompletableFuture<Hashed>> queue;
        private final ExecutorService hashers;
        private final BlockScan scan;
        volatile boolean stop;

        Reader(InputStream in, int block, BlockingQueue<CompletableFuture<Hashed>> queue, ExecutorService hashers,
               BlockScan scan) {
            this.in = in;
            this.block = block;
            this.queue = queue;
            this.hashers = hashers;
            this.scan = scan;
        }

        @Override
        public void run() {
            Blocks blocks = new Blocks(in, block, false);
            try {
                while (!stop) {
                    Block b = blocks.next();
                    if (b == null) {
                        hand(CompletableFuture.completedFuture(null));
                        return;
                    }
                    submit(b);
                }
            } catch (IOException e) {
                hand(CompletableFuture.failedFuture(e));
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                // The checker finished (a problem was found) and shut the hashers down.
            }
        }

        private void submit(Block b) {
            hand(CompletableFuture.supplyAsync(() -> {
                Hashed h = hash(b);
                if (h.fault() == null) {
                    scan.scan(b.data(), b.length());
                }
                return h;
            }, hashers));
        }

        /** Blocks until there is room, unless the checker has stopped. */
        private void hand(CompletableFuture<Hashed> result) {
            try {
                while (!stop && !queue.offer(result, 50, TimeUnit.MILLISECONDS)) {
                    // The checker is busy; try again, or give up when it has stopped.
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Cuts a stream into blocks of whole lines of about {@code block} bytes (a block grows, up to
     * {@value #MAX_LINE} bytes, to hold one long line). The last block may end without a line feed: it is then
     * marked {@link Block#unterminated()}. With {@code reuse}, a block's bytes are valid only until the next call
     * (its buffer is refilled); else every block has its own array, for blocks handed to other threads.
     */
    private static final class Blocks {

        private final InputStream in;
        private final int block;
        private final boolean reuse;
        private byte[] buf;
        private int filled;
        /** With {@code reuse}: where the bytes after the block last returned start, to be moved to the front. */
        private int consumed;
        private boolean ended;

        Blocks(InputStream in, int block, boolean reuse) {
            this.in = in;
            this.block = block;
            this.reuse = reuse;
            this.buf = new byte[block];
        }

        /**
         * The next block, null after the last.
         *
         * @throws IOException when the stream cannot be read, or holds a line longer than {@value #MAX_LINE} bytes
         */
        Block next() throws IOException {
            if (consumed > 0) {
                System.arraycopy(buf, consumed, buf, 0, filled);
                consumed = 0;
            }
            while (!ended) {
                int n;
                try {
                    n = in.read(buf, filled, buf.length - filled);
                } catch (IOException e) {
                    throw new IOException("The entries file cannot be read: " + e.getMessage(), e);
                }
                if (n < 0) {
                    ended = true;
                    return filled == 0 ? null : new Block(buf, filled, buf[filled - 1] != '\n');
                }
                filled += n;
                if (filled < buf.length) {
                    continue; // an inflating stream returns a little at a time: hand over full blocks only
                }
                int last = lastNewline(buf, filled);
                if (last < 0) {
                    if (buf.length >= MAX_LINE) {
                        throw new IOException("A line of the entries file is longer than " + (MAX_LINE >> 20)
                                + " MB: it is not a ledger entry.");
                    }
                    buf = Arrays.copyOf(buf, Math.min(MAX_LINE, buf.length * 2));
                    continue;
                }
                Block whole = new Block(buf, last + 1, false);
                filled -= last + 1;
                if (reuse) {
                    consumed = last + 1;
                } else {
                    byte[] next = new byte[Math.max(block, filled)];
                    System.arraycopy(buf, last + 1, next, 0, filled);
                    buf = next;
                }
                return whole;
            }
            return null;
        }

        private static int lastNewline(byte[] b, int filled) {
            for (int i = filled - 1; i >= 0; i--) {
                if (b[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }
    }
}
