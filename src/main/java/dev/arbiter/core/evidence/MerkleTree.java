package dev.arbiter.core.evidence;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Merkle Tree Hash of RFC 6962 §2.1 (RFC 9162 §2.1) over a list of leaf hashes, with inclusion and
 * consistency proofs and their verification (RFC 9162 §2.1.3.2, §2.1.4.2).
 *
 * <p>A leaf hash is {@code SHA-256(0x00 || data)}, an interior node {@code SHA-256(0x01 || left || right)}, the
 * empty tree {@code SHA-256()}. Every hash is 32 bytes. Arbiter's leaves are the ledger entries' hashes (32 raw
 * bytes each), leaf {@code i} being entry {@code seq = i + 1}.
 */
public final class MerkleTree {

    /** Length of every hash, in bytes. */
    public static final int HASH_BYTES = 32;

    private MerkleTree() {
    }

    /** {@code SHA-256(0x00 || data)}. */
    public static byte[] leafHash(byte[] data) {
        MessageDigest d = sha256();
        d.update((byte) 0);
        d.update(data);
        return d.digest();
    }

    /** {@code SHA-256(0x01 || left || right)}. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        return nodeHash(sha256(), left, right);
    }

    /** {@code SHA-256(0x01 || left || right)} with a digest the caller reuses (it is reset). */
    static byte[] nodeHash(MessageDigest d, byte[] left, byte[] right) {
        d.reset();
        d.update((byte) 1);
        d.update(left);
        d.update(right);
        return d.digest();
    }

    /** {@code SHA-256(0x00 || data)} with a digest the caller reuses (it is reset). */
    static byte[] leafHash(MessageDigest d, byte[] data) {
        d.reset();
        d.update((byte) 0);
        d.update(data);
        return d.digest();
    }

    /** The root of the tree over {@code leaves} (leaf hashes, in order); {@code SHA-256()} when empty. */
    public static byte[] root(List<byte[]> leaves) {
        return root(leaves, 0, leaves.size());
    }

    /** The Merkle Tree Hash of leaves {@code [from, to)}. */
    static byte[] root(List<byte[]> leaves, int from, int to) {
        if (to == from) {
            return sha256().digest();
        }
        if (to - from == 1) {
            return leaves.get(from);
        }
        int k = largestPowerOfTwoBelow(to - from);
        return nodeHash(root(leaves, from, from + k), root(leaves, from + k, to));
    }

    /**
     * The audit path of leaf {@code index} in the tree over {@code leaves} (RFC 6962 §2.1.1), nearest sibling
     * first.
     *
     * @throws IllegalArgumentException when {@code index} is not in {@code [0, leaves.size())}
     */
    public static List<byte[]> inclusionProof(List<byte[]> leaves, long index) {
        if (index < 0 || index >= leaves.size()) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + leaves.size());
        }
        List<byte[]> path = new ArrayList<>();
        path(leaves, (int) index, 0, leaves.size(), path);
        return path;
    }

    private static void path(List<byte[]> leaves, int m, int from, int to, List<byte[]> out) {
        if (to - from <= 1) {
            return;
        }
        int k = largestPowerOfTwoBelow(to - from);
        if (m < from + k) {
            path(leaves, m, from, from + k, out);
            out.add(root(leaves, from + k, to));
        } else {
            path(leaves, m, from + k, to, out);
            out.add(root(leaves, from, from + k));
        }
    }

    /**
     * The proof that the tree of the first {@code size} leaves is a prefix of the tree over all
     * {@code leaves} (RFC 6962 §2.1.2); empty when {@code size} is 0 or every leaf.
     *
     * @throws IllegalArgumentException when {@code size} is not in {@code [0, leaves.size()]}
     */
    public static List<byte[]> consistencyProof(List<byte[]> leaves, long size) {
        if (size < 0 || size > leaves.size()) {
            throw new IllegalArgumentException("a tree of " + size + " is not a prefix of one of " + leaves.size());
        }
        List<byte[]> proof = new ArrayList<>();
        if (size > 0 && size < leaves.size()) {
            subproof(leaves, (int) size, 0, leaves.size(), true, proof);
        }
        return proof;
    }

    private static void subproof(List<byte[]> leaves, int m, int from, int to, boolean whole, List<byte[]> out) {
        int n = to - from;
        if (m == n) {
            if (!whole) {
                out.add(root(leaves, from, to));
            }
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(leaves, m, from, from + k, whole, out);
            out.add(root(leaves, from + k, to));
        } else {
            subproof(leaves, m - k, from + k, to, false, out);
            out.add(root(leaves, from, from + k));
        }
    }

    /** Whether {@code path} proves leaf hash {@code leaf} at {@code index} in the tree of {@code size} with {@code root}. */
    public static boolean verifyInclusion(byte[] leaf, long index, long size, List<byte[]> path, byte[] root) {
        if (index < 0 || index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leaf;
        for (byte[] p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /**
     * Whether {@code proof} shows that the tree of {@code size1} with {@code root1} is a prefix of the tree of
     * {@code size2} with {@code root2}: the log only grew.
     */
    public static boolean verifyConsistency(long size1, byte[] root1, long size2, byte[] root2, List<byte[]> proof) {
        if (size1 < 0 || size2 < size1) {
            return false;
        }
        if (size1 == size2) {
            return proof.isEmpty() && Arrays.equals(root1, root2);
        }
        if (size1 == 0) {
            return proof.isEmpty();
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(size1) == 1) {
            path.add(0, root1);
        }
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, root1) && Arrays.equals(sr, root2);
    }

    /** The largest power of two strictly below {@code n} (n ≥ 2). */
    private static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java 17 runtime has SHA-256", e);
        }
    }
}
