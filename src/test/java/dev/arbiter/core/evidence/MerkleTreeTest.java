package dev.arbiter.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** RFC 6962 vectors (certificate-transparency / transparency-dev reference data) and proof properties. */
class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final List<String> DATA = List.of("", "00", "10", "2021", "3031", "40414243",
            "5051525354555657", "606162636465666768696a6b6c6d6e6f");
    private static final List<String> ROOTS = List.of(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    private static List<byte[]> leaves() {
        return DATA.stream().map(d -> MerkleTree.leafHash(HEX.parseHex(d))).toList();
    }

    @Test
    void rootsMatchTheReferenceTreeHeadsForEverySize() {
        List<byte[]> leaves = leaves();
        for (int n = 0; n <= leaves.size(); n++) {
            assertThat(HEX.formatHex(MerkleTree.root(leaves.subList(0, n)))).as("size %d", n).isEqualTo(ROOTS.get(n));
        }
    }

    @Test
    void inclusionProofsMatchTheReferencePaths() {
        List<byte[]> leaves = leaves();
        assertThat(MerkleTree.inclusionProof(leaves, 0)).extracting(HEX::formatHex).containsExactly(
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertThat(MerkleTree.inclusionProof(leaves, 5)).extracting(HEX::formatHex).containsExactly(
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
    }

    @Test
    void consistencyProofsMatchTheReferenceProofs() {
        List<byte[]> leaves = leaves();
        assertThat(MerkleTree.consistencyProof(leaves, 2)).extracting(HEX::formatHex).containsExactly(
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        List<byte[]> proof = MerkleTree.consistencyProof(leaves.subList(0, 5), 2);
        assertThat(proof).extracting(HEX::formatHex).containsExactly(
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
        assertThat(MerkleTree.verifyConsistency(2, HEX.parseHex(ROOTS.get(2)), 5, HEX.parseHex(ROOTS.get(5)), proof))
                .isTrue();
        assertThat(MerkleTree.verifyConsistency(2, HEX.parseHex(ROOTS.get(3)), 5, HEX.parseHex(ROOTS.get(5)), proof))
                .isFalse();
    }

    @Property(tries = 200)
    void everyInclusionProofVerifiesAndNoAlteredOneDoes(@ForAll @IntRange(min = 1, max = 70) int size,
                                                         @ForAll @IntRange(min = 0, max = 69) int at) {
        int index = at % size;
        List<byte[]> leaves = synthetic(size);
        byte[] root = MerkleTree.root(leaves);
        List<byte[]> path = MerkleTree.inclusionProof(leaves, index);
        assertThat(MerkleTree.verifyInclusion(leaves.get(index), index, size, path, root)).isTrue();
        // (A wrong size is not checked here: leaf 0 of 3 and of 4 share a path shape; the signed checkpoint
        // binds size and root together, so a size that does not belong to the root proves nothing.)
        assertThat(MerkleTree.verifyInclusion(leaves.get(index), index, 2L * size + 1, path, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(MerkleTree.leafHash(new byte[] {9, 9, 9}), index, size, path, root))
                .isFalse();
        if (size > 1) {
            assertThat(MerkleTree.verifyInclusion(leaves.get(index), (index + 1) % size, size, path, root)).isFalse();
            List<byte[]> altered = new ArrayList<>(path);
            byte[] first = altered.get(0).clone();
            first[0] ^= 1;
            altered.set(0, first);
            assertThat(MerkleTree.verifyInclusion(leaves.get(index), index, size, altered, root)).isFalse();
        }
    }

    @Property(tries = 200)
    void everyConsistencyProofVerifiesAndARewrittenPrefixDoesNot(@ForAll @IntRange(min = 1, max = 70) int size,
                                                                  @ForAll @IntRange(min = 1, max = 70) int at) {
        int first = 1 + (at - 1) % size;
        List<byte[]> leaves = synthetic(size);
        byte[] root1 = MerkleTree.root(leaves.subList(0, first));
        byte[] root2 = MerkleTree.root(leaves);
        List<byte[]> proof = MerkleTree.consistencyProof(leaves, first);
        assertThat(MerkleTree.verifyConsistency(first, root1, size, root2, proof)).isTrue();
        // The same prefix size, one of its leaves rewritten: no proof from the real log reconciles it.
        List<byte[]> rewritten = new ArrayList<>(leaves.subList(0, first));
        rewritten.set(first - 1, MerkleTree.leafHash(new byte[] {1, 2, 3}));
        assertThat(MerkleTree.verifyConsistency(first, MerkleTree.root(rewritten), size, root2, proof)).isFalse();
        if (first < size) {
            assertThat(MerkleTree.verifyConsistency(first, root1, size, MerkleTree.root(leaves.subList(0, size - 1)),
                    proof)).isFalse();
        }
    }

    @Property(tries = 100)
    void theCompactRangeGivesTheSameRootAsTheRecursiveDefinition(@ForAll @IntRange(min = 1, max = 90) int size) {
        List<byte[]> leaves = synthetic(size);
        CompactRange range = new CompactRange();
        leaves.forEach(range::append);
        assertThat(range.root()).isEqualTo(MerkleTree.root(leaves));
    }

    /** A range proof made from the recursive definition folds back to the root, and only for the range's leaves. */
    @Property(tries = 300)
    void aRangeProofFoldsTheRangeToTheRootAndNothingElse(@ForAll @IntRange(min = 1, max = 200) int size,
                                                         @ForAll @IntRange(min = 0, max = 199) int a,
                                                         @ForAll @IntRange(min = 0, max = 199) int b) {
        int first = Math.min(a, b) % size;
        int last = Math.max(first, Math.max(a, b) % size);
        List<byte[]> leaves = synthetic(size);
        List<byte[]> left = CompactRange.subtreesBefore(first).stream()
                .map(s -> MerkleTree.root(leaves, (int) s[0], (int) (s[0] + (1L << s[1])))).toList();
        List<byte[]> right = CompactRange.subtreesAfter(last + 1, size).stream()
                .map(s -> MerkleTree.root(leaves, (int) s[0], (int) (s[0] + (1L << s[1])))).toList();
        RangeProof proof = RangeProof.parse(new RangeProof(first + 1, last + 1, size, left, right).json());
        CompactRange folding = proof.start();
        leaves.subList(first, last + 1).forEach(folding::append);
        assertThat(proof.finish(folding)).isEqualTo(MerkleTree.root(leaves));

        List<byte[]> altered = new ArrayList<>(leaves);
        altered.set(last, MerkleTree.leafHash(new byte[] {7, 7, 7}));
        CompactRange wrong = proof.start();
        altered.subList(first, last + 1).forEach(wrong::append);
        assertThat(proof.finish(wrong)).isNotEqualTo(MerkleTree.root(leaves));
    }

    static List<byte[]> synthetic(int n) {
        List<byte[]> leaves = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            leaves.add(MerkleTree.leafHash(new byte[] {(byte) i, (byte) (i >> 8), 42}));
        }
        return leaves;
    }
}
