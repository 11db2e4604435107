package dev.arbiter.core.evidence;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Hashes every line of a block of whole lines ({@link LineBlocks.Block}) and checks each line's header, on the raw
 * bytes (no UTF-8 decoding, no JSON parse: the two fields the checks need are at fixed places at the start of every
 * body): it starts {@code {"seq":N,"prev_hash":"<64 hex>"}, states the seq after the line before it in the block,
 * and names that line's hash. Stops at the first problem. What no single block can check (which seq its first line
 * must hold, its link to the block before) is left to {@link ChainFold}.
 *
 * <p>The verifier's hot loop: per line one SHA-256 of the line read straight from the block, one leaf hash
 * {@code SHA-256(0x00 || hash)} written straight into the block's leaves, and the hex of the hash for the next
 * line's link; one digest a thread, no allocation a line.
 */
final class BlockHasher {

    /** What is wrong with a line, found by a hasher without knowing where its block starts. */
    enum Kind { NOT_ENTRY, WRONG_SEQ, NO_PREV, BAD_LINK, UNTERMINATED }

    /** The first problem of a block: at its line {@code line} (from 0); {@code stated} the seq it holds, -1 none. */
    record Fault(int line, Kind kind, long stated) {
    }

    /**
     * A hashed block: the leaf hashes of its first {@code lines} lines back to back, the seq and prev_hash (hex)
     * its first line states, the hash (hex) of its last good line, and the problem that stopped it, if any.
     */
    record Hashed(int lines, byte[] leaves, long firstStated, byte[] firstPrev, byte[] lastHex, Fault fault) {
    }

    private static final int HASH = MerkleTree.HASH_BYTES;
    private static final int HEX_HASH = 2 * HASH;
    private static final byte[] SEQ = "{\"seq\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PREV = ",\"prev_hash\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** A line feed in every byte of a word. */
    private static final long LINE_FEEDS = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final ThreadLocal<BlockHasher> MINE = ThreadLocal.withInitial(BlockHasher::new);

    private final MessageDigest sha = MerkleTree.sha256();
    /** {@code 0x00 || the line's hash}: the leaf hash's input, hashed in one update. */
    private final byte[] leafInput = new byte[1 + HASH];

    private BlockHasher() {
    }

    /**
     * Hashes and checks {@code block}'s lines on the calling thread, showing each line that passed its checks to
     * {@code scan} while it is in the cache.
     */
    static Hashed hash(LineBlocks.Block block, LineScan scan) {
        return MINE.get().hashBlock(block, scan);
    }

    private Hashed hashBlock(LineBlocks.Block block, LineScan scan) {
        byte[] b = block.data();
        int length = block.length();
        byte[] leaves = new byte[HASH * Math.max(1, estimateLines(b, length))];
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
            digest(leafInput, 1);
            sha.update(leafInput, 0, leafInput.length);
            digest(leaves, lines * HASH);
            for (int i = 0; i < HASH; i++) {
                int v = leafInput[1 + i];
                hex[2 * i] = HEX[(v >> 4) & 0xf];
                hex[2 * i + 1] = HEX[v & 0xf];
            }
            scan.line(b, start, end);
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

    /**
     * The index of the first line feed in {@code b[from, to)}, else {@code to}. Thirty-two bytes a step: four words
     * are tested together and only the step that holds a line feed is searched word by word, so the scan of a
     * typical 600-byte line costs about twenty tests rather than seventy-five.
     */
    static int newline(byte[] b, int from, int to) {
        int i = from;
        for (; i + 4 * Long.BYTES <= to; i += 4 * Long.BYTES) {
            long x0 = (long) LONGS.get(b, i) ^ LINE_FEEDS;
            long x1 = (long) LONGS.get(b, i + Long.BYTES) ^ LINE_FEEDS;
            long x2 = (long) LONGS.get(b, i + 2 * Long.BYTES) ^ LINE_FEEDS;
            long x3 = (long) LONGS.get(b, i + 3 * Long.BYTES) ^ LINE_FEEDS;
            // Bit 7 of a byte is set where that byte of x is zero (and maybe above one): any line feed in the step.
            if ((((x0 - ONES) & ~x0 | (x1 - ONES) & ~x1 | (x2 - ONES) & ~x2 | (x3 - ONES) & ~x3) & HIGH_BITS) != 0) {
                return newlineByWords(b, i, i + 4 * Long.BYTES);
            }
        }
        return newlineByWords(b, i, to);
    }

    /** As {@link #newline}, eight bytes a step. */
    private static int newlineByWords(byte[] b, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long x = (long) LONGS.get(b, i) ^ LINE_FEEDS;
            // A zero byte of x is a line feed; the lowest flagged byte is always a real one.
            long found = (x - ONES) & ~x & HIGH_BITS;
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

    private void digest(byte[] out, int offset) {
        try {
            sha.digest(out, offset, HASH);
        } catch (DigestException e) {
            throw new IllegalStateException("32 bytes hold a SHA-256", e);
        }
    }
}
