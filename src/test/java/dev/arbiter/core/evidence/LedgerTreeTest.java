package dev.arbiter.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The cached ledger tree (issue 18): the same roots, inclusion proofs and range proofs as RFC 6962's recursive
 * definition ({@link MerkleTree}), and a proof on a large tree reads a bounded number of hashes, not O(n).
 */
class LedgerTreeTest {

    /** Entry hashes #1..#n: 32 bytes each, distinct. */
    static final List<byte[]> HASHES = new ArrayList<>();
    static final List<byte[]> LEAVES = new ArrayList<>();

    static {
        for (int i = 0; i < 5_000; i++) {
            byte[] h = new byte[32];
            h[0] = (byte) i;
            h[1] = (byte) (i >> 8);
            h[31] = 7;
            HASHES.add(h);
            LEAVES.add(MerkleTree.leafHash(h));
        }
    }

    static LedgerTree tree(AtomicLong read) {
        return new LedgerTree((from, to) -> {
            read.addAndGet(to - from + 1);
            return HASHES.subList((int) from - 1, (int) to);
        });
    }

    @Property(tries = 60)
    void rootsProofsAndRangeProofsAreThoseOfTheRecursiveDefinition(
            @ForAll @IntRange(min = 1, max = 5_000) int size, @ForAll @IntRange(min = 0, max = 4_999) int a,
            @ForAll @IntRange(min = 0, max = 4_999) int b) {
        LedgerTree tree = tree(new AtomicLong());
        List<byte[]> leaves = LEAVES.subList(0, size);
        byte[] root = MerkleTree.root(leaves);
        assertThat(tree.root(size)).isEqualTo(root);
        int index = a % size;
        assertThat(tree.inclusionProof(index, size)).containsExactlyElementsOf(MerkleTree.inclusionProof(leaves, index));
        int first = Math.min(a, b) % size;
        int last = Math.max(first, Math.max(a, b) % size);
        RangeProof proof = tree.rangeProof(first + 1, last + 1, size);
        CompactRange folding = proof.start();
        leaves.subList(first, last + 1).forEach(folding::append);
        assertThat(proof.finish(folding)).isEqualTo(root);
    }

    @Test
    void onceWarmAProofReadsAFewChunksOfHashesWhateverTheSize() {
        AtomicLong read = new AtomicLong();
        LedgerTree tree = tree(read);
        tree.root(5_000);
        for (long index : new long[] {0, 1_500, 3_071, 4_999}) {
            for (long size : new long[] {index + 1, 4_097, 5_000}) {
                if (index >= size) {
                    continue;
                }
                read.set(0);
                tree.inclusionProof(index, size);
                tree.rangeProof(index + 1, Math.min(size, index + 10), size);
                assertThat(read.get()).as("hashes read for leaf %d of %d", index, size)
                        .isLessThanOrEqualTo(4L * LedgerTree.CHUNK);
            }
        }
    }
}
