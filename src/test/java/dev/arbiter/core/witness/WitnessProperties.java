package dev.arbiter.core.witness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.evidence.AddCheckpoint;
import dev.arbiter.core.evidence.MerkleTree;
import dev.arbiter.core.evidence.SignedCheckpoint;
import dev.arbiter.core.evidence.SignedNote;
import dev.arbiter.core.evidence.SigningKey;
import dev.arbiter.core.store.DataDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.constraints.IntRange;

/**
 * Attacks on the witness (issue 18): whatever two checkpoints a log signs, the witness cosigns the second only
 * when the first {@code old} leaves of both trees are the same, whatever proof comes with it; otherwise it refuses
 * with an alarm and keeps the checkpoint it cosigned. One real SQLite witness workspace, a new log per try.
 */
class WitnessProperties {

    private static Path dir;
    private static Workspace ciso;

    @BeforeContainer
    static void open() throws Exception {
        dir = Files.createTempDirectory("witness-properties");
        ciso = Workspace.open(new DataDirectory(dir));
        ciso.witness().init("ciso.example.com/witness");
    }

    @AfterContainer
    static void close() {
        ciso.close();
    }

    @Property(tries = 60)
    void cosignsOnlyAHistoryThatExtendsTheOneCosigned(@ForAll @IntRange(min = 1, max = 40) int first,
                                                    @ForAll @IntRange(min = 0, max = 40) int growth,
                                                    @ForAll @IntRange(min = -1, max = 79) int tampered,
                                                    @ForAll @IntRange(min = -1, max = 40) int proofByte) {
        String origin = "arbiter-ledger/" + UUID.randomUUID();
        SigningKey logKey = SigningKey.generate(origin);
        ciso.witness().follow(origin, logKey.publicKey(), "property");
        List<byte[]> honest = leaves(first + growth, 0);
        CosignOutcome firstOutcome = ciso.witness().cosign(request(origin, logKey, honest.subList(0, first), 0,
                List.of()), "", "property");
        assertThat(firstOutcome).isInstanceOf(CosignOutcome.Cosigned.class);

        List<byte[]> second = new ArrayList<>(honest);
        boolean rewritten = tampered >= 0 && tampered < second.size();
        if (rewritten) {
            second.set(tampered, MerkleTree.leafHash(new byte[] {(byte) tampered, 1}));
        }
        List<byte[]> proof = new ArrayList<>(growth == 0 ? List.of() : MerkleTree.consistencyProof(second, first));
        boolean proofBroken = proofByte >= 0 && !proof.isEmpty();
        if (proofBroken) {
            byte[] h = proof.get(proofByte % proof.size()).clone();
            h[proofByte % h.length] ^= 1;
            proof.set(proofByte % proof.size(), h);
        }
        CosignOutcome outcome = ciso.witness().cosign(request(origin, logKey, second, first, proof), "", "property");

        boolean historyKept = !rewritten || tampered >= first;
        if (historyKept && !proofBroken) {
            assertThat(outcome).isInstanceOf(CosignOutcome.Cosigned.class);
            assertThat(size(origin)).isEqualTo(first + growth);
        } else {
            assertThat(outcome).isInstanceOf(CosignOutcome.Refused.class);
            assertThat(size(origin)).isEqualTo(first);
            if (!historyKept) {
                assertThat(((CosignOutcome.Refused) outcome).alarm()).isPresent();
            }
        }
    }

    private static long size(String origin) {
        return ciso.witness().logs().stream().filter(l -> l.origin().equals(origin)).findFirst().orElseThrow().size();
    }

    private static AddCheckpoint request(String origin, SigningKey key, List<byte[]> leaves, long old,
                                         List<byte[]> proof) {
        SignedCheckpoint cp = new SignedCheckpoint(origin, leaves.size(), MerkleTree.root(leaves));
        AddCheckpoint request = new AddCheckpoint(old, proof, SignedNote.sign(cp.text(), key));
        return AddCheckpoint.parse(request.format());
    }

    private static List<byte[]> leaves(int n, int salt) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(MerkleTree.leafHash(new byte[] {(byte) i, (byte) (i >> 8), (byte) salt}));
        }
        return out;
    }
}
