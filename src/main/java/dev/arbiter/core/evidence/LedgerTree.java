package dev.arbiter.core.evidence;

import dev.arbiter.core.audit.EntryHashes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The RFC 6962 Merkle tree over the ledger's entry hashes (leaf {@code i} = entry {@code #i+1}), with the roots of
 * every complete chunk of {@value #CHUNK} leaves and of every perfect subtree above them kept in memory, so that a
 * root, an inclusion proof or a range proof costs O(log n) look-ups plus reading at most two chunks of hashes
 * (issue 18: a receipt must not cost O(n)). The first use in a process reads every hash once (O(n), about 32
 * bytes of memory per {@value #CHUNK} entries are kept); later uses read only the chunks written since.
 *
 * <p>A perfect subtree's root never depends on the tree's size, so one cache serves every checkpoint. Entries are
 * append-only; if the database is rewritten behind this process's back, proofs made here still lead to the roots
 * that were signed, and the rewritten entries fail to verify against them, which is the point. Verification of the
 * ledger itself ({@link CheckpointVerifier}) never uses this cache. Thread-safe.
 */
public final class LedgerTree {

    /** Height of a cached chunk: {@code 2^10} leaves. */
    static final int CHUNK_HEIGHT = 10;
    /** Leaves per cached chunk. */
    static final int CHUNK = 1 << CHUNK_HEIGHT;
    /** Chunks read per statement when the cache grows (256 Ki hashes, about 20 MB transient). */
    private static final int CHUNKS_PER_READ = 256;

    /** Reads the 32-byte hashes of entries #from..#to, in order ({@link EntryHashes#range}). */
    interface HashSource {
        List<byte[]> range(long from, long to);
    }

    private final HashSource hashes;
    /** levels.get(k).get(j): root of leaves [j·2^(10+k), (j+1)·2^(10+k)). */
    private final List<List<byte[]>> levels = new ArrayList<>();
    private final MessageDigest sha = MerkleTree.sha256();
    /** The last few chunks' leaf hashes read, by chunk index; a partial chunk is re-read when more is asked. */
    private final Map<Long, List<byte[]>> recentChunks = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, List<byte[]>> eldest) {
            return size() > 4;
        }
    };

    public LedgerTree(EntryHashes hashes) {
        this((HashSource) hashes::range);
    }

    LedgerTree(HashSource hashes) {
        this.hashes = hashes;
        levels.add(new ArrayList<>());
    }

    /**
     * The Merkle Tree Hash of entries #1..#{@code size}; {@code SHA-256()} when 0.
     *
     * @throws dev.arbiter.core.store.StoreException when an entry's hash cannot be read
     */
    public synchronized byte[] root(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("a tree has no negative size: " + size);
        }
        return size == 0 ? MerkleTree.sha256().digest() : mth(0, size, size);
    }

    /**
     * The audit path (RFC 6962 §2.1.1) of leaf {@code index} (entry {@code #index+1}) in the tree of the first
     * {@code size} entries, nearest sibling first: the same list as {@link MerkleTree#inclusionProof}.
     *
     * @throws IllegalArgumentException when {@code index} is not in {@code [0, size)}
     */
    public synchronized List<byte[]> inclusionProof(long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + size);
        }
        List<byte[]> path = new ArrayList<>();
        path(index, 0, size, size, path);
        return path;
    }

    /**
     * The proof that entries #{@code firstSeq}..#{@code lastSeq} are leaves {@code firstSeq-1..lastSeq-1} of the
     * tree of the first {@code size} entries.
     *
     * @throws IllegalArgumentException when the range is empty or not inside {@code [1, size]}
     */
    public synchronized RangeProof rangeProof(long firstSeq, long lastSeq, long size) {
        if (firstSeq < 1 || lastSeq < firstSeq || lastSeq > size) {
            throw new IllegalArgumentException("entries #" + firstSeq + " to #" + lastSeq + " are not a range of a "
                    + "tree of " + size);
        }
        List<byte[]> left = new ArrayList<>();
        for (long[] s : CompactRange.subtreesBefore(firstSeq - 1)) {
            left.add(perfect(s[0], (int) s[1], size));
        }
        List<byte[]> right = new ArrayList<>();
        for (long[] s : CompactRange.subtreesAfter(lastSeq, size)) {
            right.add(perfect(s[0], (int) s[1], size));
        }
        return new RangeProof(firstSeq, lastSeq, size, left, right);
    }

    private void path(long m, long from, long to, long size, List<byte[]> out) {
        if (to - from <= 1) {
            return;
        }
        long k = Long.highestOneBit(to - from - 1);
        if (m < from + k) {
            path(m, from, from + k, size, out);
            out.add(mth(from + k, to, size));
        } else {
            path(m, from + k, to, size, out);
            out.add(mth(from, from + k, size));
        }
    }

    /** The Merkle Tree Hash of leaves {@code [from, to)}, a subtree of RFC 6962's split of a tree of {@code size}. */
    private byte[] mth(long from, long to, long size) {
        long n = to - from;
        if (Long.bitCount(n) == 1 && from % n == 0) {
            return perfect(from, Long.numberOfTrailingZeros(n), size);
        }
        long k = Long.highestOneBit(n - 1);
        return MerkleTree.nodeHash(sha, mth(from, from + k, size), mth(from + k, to, size));
    }

    /** The root of the aligned perfect subtree of {@code 2^height} leaves starting at leaf {@code start}. */
    private byte[] perfect(long start, int height, long size) {
        if (height >= CHUNK_HEIGHT) {
            long chunks = (start >> CHUNK_HEIGHT) + (1L << (height - CHUNK_HEIGHT));
            grow(chunks);
            return levels.get(height - CHUNK_HEIGHT).get((int) (start >> height));
        }
        long chunk = start >> CHUNK_HEIGHT;
        List<byte[]> leaves = chunkLeaves(chunk, size);
        int from = (int) (start - (chunk << CHUNK_HEIGHT));
        return MerkleTree.root(leaves, from, from + (1 << height));
    }

    /** The leaf hashes of chunk {@code chunk}, as far as a tree of {@code size} leaves reaches into it. */
    private List<byte[]> chunkLeaves(long chunk, long size) {
        long first = chunk << CHUNK_HEIGHT;
        int count = (int) Math.min(CHUNK, size - first);
        List<byte[]> known = recentChunks.get(chunk);
        if (known != null && known.size() >= count) {
            return known;
        }
        List<byte[]> leaves = new ArrayList<>(count);
        for (byte[] h : hashes.range(first + 1, first + count)) {
            leaves.add(MerkleTree.leafHash(sha, h));
        }
        recentChunks.put(chunk, leaves);
        return leaves;
    }

    /** Makes sure the roots of the first {@code chunks} complete chunks, and every perfect subtree of them, are known. */
    private void grow(long chunks) {
        List<byte[]> base = levels.get(0);
        while (base.size() < chunks) {
            long first = (long) base.size() << CHUNK_HEIGHT;
            int n = (int) Math.min(CHUNKS_PER_READ, chunks - base.size());
            List<byte[]> read = hashes.range(first + 1, first + ((long) n << CHUNK_HEIGHT));
            for (int c = 0; c < n; c++) {
                CompactRange chunk = new CompactRange();
                for (int i = c << CHUNK_HEIGHT; i < (c + 1) << CHUNK_HEIGHT; i++) {
                    chunk.append(MerkleTree.leafHash(sha, read.get(i)));
                }
                add(0, chunk.root());
            }
        }
    }

    private void add(int level, byte[] root) {
        if (levels.size() == level) {
            levels.add(new ArrayList<>());
        }
        List<byte[]> nodes = levels.get(level);
        nodes.add(root);
        if (nodes.size() % 2 == 0) {
            add(level + 1, MerkleTree.nodeHash(sha, nodes.get(nodes.size() - 2), root));
        }
    }
}
