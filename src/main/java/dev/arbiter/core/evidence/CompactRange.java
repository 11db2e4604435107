package dev.arbiter.core.evidence;

import java.util.ArrayList;
import java.util.List;

/**
 * The RFC 6962 Merkle root of a growing list of leaves kept in O(log n) memory: the roots of the perfect
 * subtrees that the binary digits of the size decompose the tree into, largest first. Appending merges equal
 * heights; the root folds them right to left, which is exactly the Merkle Tree Hash of RFC 6962 §2.1.
 */
final class CompactRange {

    private final List<byte[]> hashes = new ArrayList<>();
    private final List<Integer> heights = new ArrayList<>();
    private long size;

    /** How many leaves were appended. */
    long size() {
        return size;
    }

    /** Appends a leaf hash ({@link MerkleTree#leafHash}). */
    void append(byte[] leafHash) {
        byte[] h = leafHash;
        int height = 0;
        while (!heights.isEmpty() && heights.get(heights.size() - 1) == height) {
            h = MerkleTree.nodeHash(hashes.remove(hashes.size() - 1), h);
            heights.remove(heights.size() - 1);
            height++;
        }
        hashes.add(h);
        heights.add(height);
        size++;
    }

    /** The root over every leaf appended so far. */
    byte[] root() {
        if (hashes.isEmpty()) {
            return MerkleTree.sha256().digest();
        }
        byte[] r = hashes.get(hashes.size() - 1);
        for (int i = hashes.size() - 2; i >= 0; i--) {
            r = MerkleTree.nodeHash(hashes.get(i), r);
        }
        return r;
    }
}
