package dev.arbiter.core.evidence;

import java.util.ArrayList;
import java.util.List;

/**
 * Every level of the RFC 6962 tree over a fixed list of leaves, so that inclusion proofs cost O(log n) each
 * after one O(n) build (an evidence bundle proves thousands of entries). At each level an unpaired last node is
 * carried up unchanged, which builds exactly the tree of RFC 6962 §2.1 (its left subtrees are the largest
 * powers of two).
 */
final class MerkleLevels {

    private final List<List<byte[]>> levels = new ArrayList<>();

    /** @param leaves leaf hashes, at least one */
    MerkleLevels(List<byte[]> leaves) {
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("a tree to prove inclusion in has at least one leaf");
        }
        List<byte[]> level = leaves;
        levels.add(level);
        while (level.size() > 1) {
            List<byte[]> up = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i + 1 < level.size(); i += 2) {
                up.add(MerkleTree.nodeHash(level.get(i), level.get(i + 1)));
            }
            if (level.size() % 2 == 1) {
                up.add(level.get(level.size() - 1));
            }
            levels.add(up);
            level = up;
        }
    }

    /** The root. */
    byte[] root() {
        return levels.get(levels.size() - 1).get(0);
    }

    /** The audit path of leaf {@code index}, as {@link MerkleTree#inclusionProof} gives it. */
    List<byte[]> inclusionProof(long index) {
        if (index < 0 || index >= levels.get(0).size()) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + levels.get(0).size());
        }
        List<byte[]> path = new ArrayList<>();
        int i = (int) index;
        for (int h = 0; h < levels.size() - 1; h++) {
            List<byte[]> level = levels.get(h);
            int sibling = i ^ 1;
            if (sibling < level.size()) {
                path.add(level.get(sibling));
            }
            i >>= 1;
        }
        return path;
    }
}
