package dev.arbiter.core.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Verifies an evidence bundle's entries file ({@value EvidenceBundle#ENTRIES}: one stored entry body a line, exactly
 * the bytes its hash covers) against a {@link RangeProof} and a checkpoint's root, in one streaming pass and O(log n)
 * memory: each line must be the entry its position says ({@code {"seq":N,"prev_hash":"…"} first}), name the hash of
 * the line before it, and together with the proof's subtrees the lines' hashes must fold to the signed root.
 *
 * <p>Two threads share the work: one reads (and inflates) the file in blocks of whole lines and digests it for the
 * manifest; the caller's thread hashes every line and folds the tree. At most {@value #QUEUED} blocks of about
 * {@value #BLOCK} bytes wait between them, and a line may be at most {@value #MAX_LINE} bytes.
 */
final class EntryLines {

    static final int BLOCK = 1 << 20;
    static final int QUEUED = 4;
    static final int MAX_LINE = 16 << 20;

    private static final byte[] SEQ = "{\"seq\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PREV = ",\"prev_hash\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** A block of whole lines, or the end ({@code length < 0}), or a failure to read. */
    private record Block(byte[] data, int length, String failure) {
        static final Block END = new Block(null, -1, null);
    }

    /** How a pass ended: the problem, if any, and how many entries were read. */
    record Result(Optional<String> problem, long count) {
    }

    private EntryLines() {
    }

    /**
     * Reads {@code in} to its end (unless a problem stops it first), updating {@code fileDigest} with every byte.
     *
     * @param root the signed checkpoint's root the range must fold to
     */
    static Result verify(InputStream in, RangeProof proof, byte[] root, MessageDigest fileDigest) throws IOException {
        BlockingQueue<Block> queue = new ArrayBlockingQueue<>(QUEUED);
        Reader reader = new Reader(in, fileDigest, queue);
        Thread thread = new Thread(reader, "arbiter-bundle-read");
        thread.setDaemon(true);
        thread.start();
        try {
            return check(queue, proof, root);
        } finally {
            reader.stop = true;
            queue.clear();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Result check(BlockingQueue<Block> queue, RangeProof proof, byte[] root) throws IOException {
        CompactRange tree;
        try {
            tree = proof.start();
        } catch (IllegalArgumentException e) {
            return new Result(Optional.of("The range proof is malformed: " + e.getMessage() + "."), 0);
        }
        MessageDigest sha = MerkleTree.sha256();
        byte[] hash = new byte[MerkleTree.HASH_BYTES];
        byte[] previousHex = new byte[2 * MerkleTree.HASH_BYTES];
        long seq = proof.firstSeq();
        long line = 0;
        while (true) {
            Block block;
            try {
                block = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while verifying", e);
            }
            if (block.failure() != null) {
                throw new IOException(block.failure());
            }
            if (block.length() < 0) {
                break;
            }
            byte[] b = block.data();
            int start = 0;
            while (start < block.length()) {
                int end = indexOf(b, (byte) '\n', start, block.length());
                line++;
                if (seq > proof.lastSeq()) {
                    return problem("Line " + line + " is past the last entry the range proof covers (#"
                            + proof.lastSeq() + "): entries were added.", line - 1);
                }
                Optional<String> wrong = header(b, start, end, seq, line, line > 1 ? previousHex : null);
                if (wrong.isPresent()) {
                    return new Result(wrong, line - 1);
                }
                sha.update(b, start, end - start);
                digest(sha, hash);
                sha.update((byte) 0);
                sha.update(hash);
                tree.append(sha.digest());
                for (int i = 0; i < hash.length; i++) {
                    previousHex[2 * i] = HEX[(hash[i] >> 4) & 0xf];
                    previousHex[2 * i + 1] = HEX[hash[i] & 0xf];
                }
                seq++;
                start = end + 1;
            }
        }
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
            return problem("Entries #" + proof.firstSeq() + " to #" + proof.lastSeq() + " are not the entries the "
                    + "signed checkpoint of " + proof.treeSize() + " entries covers: entry #" + proof.lastSeq()
                    + " or the range proof was altered, or the checkpoint is not this ledger's.", line);
        }
        return new Result(Optional.empty(), line);
    }

    /** Whether line {@code [s, e)} starts as entry {@code seq} linked to {@code previousHex} (null: not checked). */
    private static Optional<String> header(byte[] b, int s, int e, long seq, long line, byte[] previousHex) {
        int p = s;
        if (!startsWith(b, p, e, SEQ)) {
            return Optional.of("Line " + line + " is not a ledger entry (it does not start with {\"seq\":): the entries "
                    + "file was altered.");
        }
        p += SEQ.length;
        long stated = 0;
        int digits = 0;
        while (p < e && b[p] >= '0' && b[p] <= '9' && digits < 19) {
            stated = stated * 10 + (b[p++] - '0');
            digits++;
        }
        if (digits == 0 || stated != seq) {
            return Optional.of("Line " + line + " holds entry #" + (digits == 0 ? "?" : Long.toString(stated))
                    + " where entry #" + seq + " belongs: entries were removed, inserted or reordered.");
        }
        if (!startsWith(b, p, e, PREV) || p + PREV.length + previousHexLength() + 1 > e
                || b[p + PREV.length + previousHexLength()] != '"') {
            return Optional.of("Entry #" + seq + " (line " + line + ") has no prev_hash: it was altered.");
        }
        p += PREV.length;
        if (previousHex != null && !Arrays.equals(b, p, p + previousHex.length, previousHex, 0, previousHex.length)) {
            return Optional.of("Entry #" + seq + " (line " + line + ") does not name the hash of entry #" + (seq - 1)
                    + " as its prev_hash: entry #" + (seq - 1) + " or #" + seq + " was altered.");
        }
        return Optional.empty();
    }

    private static int previousHexLength() {
        return 2 * MerkleTree.HASH_BYTES;
    }

    private static boolean startsWith(byte[] b, int p, int e, byte[] prefix) {
        return p + prefix.length <= e && Arrays.equals(b, p, p + prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] b, byte x, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return to;
    }

    private static void digest(MessageDigest sha, byte[] out) {
        try {
            sha.digest(out, 0, out.length);
        } catch (DigestException e) {
            throw new IllegalStateException("a 32-byte buffer holds a SHA-256", e);
        }
    }

    private static Result problem(String text, long count) {
        return new Result(Optional.of(text), count);
    }

    /** Reads blocks of whole lines; stops when told to or at the end. */
    private static final class Reader implements Runnable {

        private final InputStream in;
        private final MessageDigest fileDigest;
        private final BlockingQueue<Block> queue;
        volatile boolean stop;

        Reader(InputStream in, MessageDigest fileDigest, BlockingQueue<Block> queue) {
            this.in = in;
            this.fileDigest = fileDigest;
            this.queue = queue;
        }

        @Override
        public void run() {
            byte[] buf = new byte[BLOCK];
            int filled = 0;
            try {
                while (!stop) {
                    int n = in.read(buf, filled, buf.length - filled);
                    if (n < 0) {
                        if (filled > 0) {
                            hand(new Block(buf, filled, null));
                        }
                        hand(Block.END);
                        return;
                    }
                    fileDigest.update(buf, filled, n);
                    filled += n;
                    if (filled < buf.length) {
                        continue; // an inflating stream returns a little at a time: hand over full blocks only
                    }
                    int last = lastNewline(buf, filled);
                    if (last < 0) {
                        if (buf.length >= MAX_LINE) {
                            hand(new Block(null, 0, "A line of the entries file is longer than "
                                    + (MAX_LINE >> 20) + " MB: it is not a ledger entry."));
                            return;
                        }
                        buf = Arrays.copyOf(buf, Math.min(MAX_LINE, buf.length * 2));
                        continue;
                    }
                    byte[] next = new byte[Math.max(BLOCK, filled - last - 1)];
                    System.arraycopy(buf, last + 1, next, 0, filled - last - 1);
                    hand(new Block(buf, last, null));
                    filled -= last + 1;
                    buf = next;
                }
            } catch (IOException e) {
                hand(new Block(null, 0, "The entries file cannot be read: " + e.getMessage()));
            }
        }

        private static int lastNewline(byte[] b, int filled) {
            for (int i = filled - 1; i >= 0; i--) {
                if (b[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        /** Blocks until there is room, unless the checker has stopped. */
        private void hand(Block block) {
            try {
                while (!stop && !queue.offer(block, 50, TimeUnit.MILLISECONDS)) {
                    // The checker is busy; try again, or give up when it has stopped.
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
