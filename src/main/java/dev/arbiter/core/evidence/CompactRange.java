package dev.arbiter.core.evidence;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The RFC 6962 Merkle root of a growing list of leaves kept in O(log n) memory: the roots of the perfect
 * subtrees that the binary digits of the size decompose the tree into, largest first. Appending merges equal
 * heights; the root folds them right to left, which is exactly the Merkle Tree Hash of RFC 6962 §2.1.
 *
 * <p>It also checks a range proof ({@link RangeProof}): seeded with the roots that decompose the leaves before
 * the range ({@link #seeded}), then given the range's leaves, then the aligned subtrees after it
 * ({@link #appendSubtree}), its root is the whole tree's root. One instance per thread (it reuses its digest).
 */
final class CompactRange {

    /** At most one root per height 0..62, plus the one being merged. */
    private static final int MAX_ROOTS = 64;

    /** The roots, largest first, back to back: root {@code i} is bytes {@code [32i, 32i+32)}. */
    private final byte[] hashes = new byte[MAX_ROOTS * MerkleTree.HASH_BYTES];
    private final int[] heights = new int[MAX_ROOTS];
    private final MessageDigest sha = MerkleTree.sha256();
    private int count;
    private long size;

    /** An empty range starting at leaf 0. */
    CompactRange() {
    }

    /**
     * The range of the first {@code size} leaves, given as the roots of its perfect subtrees, one per binary digit
     * of {@code size}, largest first.
     *
     * @throws IllegalArgumentException when there are not {@code Long.bitCount(size)} 32-byte roots
     */
    static CompactRange seeded(long size, List<byte[]> roots) {
        if (size < 0 || roots.size() != Long.bitCount(size)) {
            throw new IllegalArgumentException("the leaves before #" + (size + 1) + " are " + Long.bitCount(Math.max(0,
                    size)) + " subtrees, but the proof gives " + roots.size());
        }
        CompactRange r = new CompactRange();
        int i = 0;
        for (int h = 62; h >= 0; h--) {
            if ((size & (1L << h)) != 0) {
                r.appendSubtree(roots.get(i++), h);
            }
        }
        return r;
    }

    /** How many leaves were appended. */
    long size() {
        return size;
    }

    /** Appends a leaf hash ({@link MerkleTree#leafHash}). */
    void append(byte[] leafHash) {
        appendSubtree(leafHash, 0);
    }

    /**
     * Appends {@code n} leaf hashes stored back to back in {@code leaves} from {@code offset}: the verifier's hot
     * loop, which allocates nothing (the roots are merged in place).
     */
    void appendLeaves(byte[] leaves, int offset, int n) {
        for (int i = 0; i < n; i++) {
            push(leaves, offset + i * MerkleTree.HASH_BYTES, 0);
        }
    }

    /**
     * Appends the root of a perfect subtree of {@code 2^height} leaves that starts where this range ends.
     *
     * @throws IllegalArgumentException when the range's size is not a multiple of {@code 2^height} (the subtree
     *         would not be aligned, so it is not a node of the tree) or the root is not 32 bytes
     */
    void appendSubtree(byte[] root, int height) {
        if (root.length != MerkleTree.HASH_BYTES || height < 0 || height > 62
                || (size & ((1L << height) - 1)) != 0) {
            throw new IllegalArgumentException("a subtree of 2^" + height + " leaves cannot follow leaf #" + size);
        }
        push(root, 0, height);
    }

    /** Pushes a root of {@code 2^height} leaves and merges equal heights: {@code SHA-256(0x01 || left || right)}. */
    private void push(byte[] src, int offset, int height) {
        System.arraycopy(src, offset, hashes, count * MerkleTree.HASH_BYTES, MerkleTree.HASH_BYTES);
        heights[count++] = height;
        while (count >= 2 && heights[count - 2] == heights[count - 1]) {
            int left = (count - 2) * MerkleTree.HASH_BYTES;
            sha.update((byte) 1);
            sha.update(hashes, left, 2 * MerkleTree.HASH_BYTES);
            try {
                sha.digest(hashes, left, MerkleTree.HASH_BYTES);
            } catch (java.security.DigestException e) {
                throw new IllegalStateException("32 bytes hold a SHA-256", e);
            }
            heights[count - 2]++;
            count--;
        }
        size += 1L << height;
    }

    /** The root over every leaf appended so far. */
    byte[] root() {
        if (count == 0) {
            return MerkleTree.sha256().digest();
        }
        byte[] r = Arrays.copyOfRange(hashes, (count - 1) * MerkleTree.HASH_BYTES, count * MerkleTree.HASH_BYTES);
        for (int i = count - 2; i >= 0; i--) {
            r = MerkleTree.nodeHash(sha, Arrays.copyOfRange(hashes, i * MerkleTree.HASH_BYTES,
                    (i + 1) * MerkleTree.HASH_BYTES), r);
        }
        return r;
    }

    /**
     * The aligned perfect subtrees that leaves {@code [from, to)} decompose into, left to right, largest possible
     * first: the nodes a range proof gives after a range ending at {@code from} in a tree of {@code to} leaves.
     * Each is {@code {start, height}}.
     */
    static List<long[]> subtreesAfter(long from, long to) {
        List<long[]> out = new ArrayList<>();
        long pos = from;
        while (pos < to) {
            int h = pos == 0 ? 62 : Long.numberOfTrailingZeros(pos);
            while (h > 0 && pos + (1L << h) > to) {
                h--;
            }
            out.add(new long[] {pos, h});
            pos += 1L << h;
        }
        return out;
    }

    /** The perfect subtrees of the first {@code size} leaves, largest first, as {@code {start, height}}. */
    static List<long[]> subtreesBefore(long size) {
        List<long[]> out = new ArrayList<>();
        long pos = 0;
        for (int h = 62; h >= 0; h--) {
            if ((size & (1L << h)) != 0) {
                out.add(new long[] {pos, h});
                pos += 1L << h;
            }
        }
        return out;
    }
}
