package dev.arbiter.core.evidence;

import dev.arbiter.core.audit.AuditTime;
import dev.arbiter.core.store.Database;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The log side of witnessing (issue 18): writes C2SP tlog-witness add-checkpoint requests for the newest signed
 * checkpoint, to carry to a witness, and takes back the cosigned checkpoint it returns. The transport is a file
 * the user carries (USB stick, mail, a shared folder): the CISO's desktop need not run a gateway reachable from
 * the log's machine, and an air gap works; the file holds exactly a tlog-witness request body, so an HTTP
 * transport can be added without changing it. Imported cosignatures are kept in {@code checkpoint_cosignature}
 * and appended to the checkpoint's note wherever it is handed out (receipts, bundles, {@code audit verify}).
 */
public final class Cosignatures {

    /** What an import added: the checkpoint's size, how many new lines, and the witness's newest time. */
    public record Imported(long treeSize, int added, String witness) {
    }

    private final Database database;
    private final Checkpoints checkpoints;
    private final Clock clock;

    public Cosignatures(Database database, Checkpoints checkpoints, Clock clock) {
        this.database = database;
        this.checkpoints = checkpoints;
        this.clock = clock;
    }

    /**
     * An add-checkpoint request for the newest stored checkpoint, proving consistency from {@code oldSize} (the
     * size the witness last cosigned; 0 for a witness that never did).
     *
     * @throws IllegalArgumentException when there is no checkpoint, or {@code oldSize} is not the size of one of
     *         this ledger's signed checkpoints (the witness only ever cosigns those), or exceeds the newest
     */
    public AddCheckpoint request(long oldSize) {
        List<String> all = checkpoints.all();
        if (all.isEmpty()) {
            throw new IllegalArgumentException("The ledger has no signed checkpoint yet: it is empty.");
        }
        SignedNote newest = SignedNote.parse(all.get(all.size() - 1));
        SignedCheckpoint cp = SignedCheckpoint.parse(newest.text());
        if (oldSize > cp.size()) {
            throw new IllegalArgumentException("--old " + oldSize + " is larger than the newest checkpoint ("
                    + cp.size() + " entries).");
        }
        if (oldSize > 0 && all.stream().map(n -> SignedCheckpoint.parse(SignedNote.parse(n).text()).size())
                .noneMatch(s -> s == oldSize)) {
            throw new IllegalArgumentException("--old " + oldSize + " is not the size of a signed checkpoint of this "
                    + "ledger; the witness's answer names the size it cosigned last.");
        }
        List<byte[]> proof = List.of();
        if (oldSize > 0 && oldSize < cp.size()) {
            List<byte[]> leaves = new ArrayList<>();
            for (byte[] h : checkpoints.entryHashes().upTo(cp.size())) {
                leaves.add(MerkleTree.leafHash(h));
            }
            proof = MerkleTree.consistencyProof(leaves, oldSize);
        }
        // The log's signatures only (64-byte Ed25519; a cosignature's blob also holds its time): the request
        // stays small, and the witness would ignore the other witnesses' lines anyway.
        SignedNote logSigned = new SignedNote(newest.text(), newest.signatures().stream()
                .filter(l -> l.signature().length == 64).toList());
        return new AddCheckpoint(oldSize, proof, logSigned);
    }

    /**
     * The size a request to {@code witness} should prove consistency from: the newest checkpoint it cosigned
     * that was imported here, else 0.
     */
    public long lastCosignedBy(CosignerKey witness) {
        return newestCosigned(witness).map(SignedCheckpoint::size).orElse(0L);
    }

    /** The newest stored checkpoint carrying a valid cosignature by {@code witness}. */
    public Optional<SignedCheckpoint> newestCosigned(CosignerKey witness) {
        List<String> all = checkpoints.all();
        for (int i = all.size() - 1; i >= 0; i--) {
            SignedNote note = SignedNote.parse(all.get(i));
            if (witness.cosignedAt(note).isPresent()) {
                return Optional.of(SignedCheckpoint.parse(note.text()));
            }
        }
        return Optional.empty();
    }

    /**
     * Takes back a checkpoint a witness cosigned: keeps its valid cosignature lines by {@code witness} with the
     * stored checkpoint of the same size and text. Not a ledger entry: it would leave the newest entry uncovered
     * by the cosigned checkpoint, and the cosignature is evidence about the ledger, kept append-only beside it.
     *
     * @throws IllegalArgumentException when the note is not one of this ledger's stored checkpoints, or carries
     *         no valid cosignature by {@code witness} (the message says which)
     */
    public Imported importCosigned(String noteText, CosignerKey witness) {
        SignedNote note = SignedNote.parse(noteText);
        SignedCheckpoint cp = SignedCheckpoint.parse(note.text());
        String origin = checkpoints.origin();
        if (!cp.origin().equals(origin)) {
            throw new IllegalArgumentException("The cosigned checkpoint is of the log " + cp.origin() + ", not of "
                    + "this workspace's ledger (" + origin + ").");
        }
        Optional<String> stored = checkpoints.all().stream()
                .filter(n -> SignedCheckpoint.parse(SignedNote.parse(n).text()).size() == cp.size()).findFirst();
        if (stored.isEmpty() || !SignedNote.parse(stored.get()).text().equals(note.text())) {
            throw new IllegalArgumentException("The cosigned checkpoint of " + cp.size() + " entries is not one this "
                    + "ledger signed" + (stored.isEmpty() ? " (no checkpoint of that size is stored)"
                    : " (the stored one has another root)") + ": it belongs to another copy of the ledger.");
        }
        List<SignedNote.Line> valid = note.signatures().stream()
                .filter(l -> witness.verifies(note.text(), l).isPresent()).toList();
        if (valid.isEmpty()) {
            throw new IllegalArgumentException("The checkpoint carries no valid cosignature by the witness "
                    + witness.name() + " (" + witness.verifierKey() + "): it was altered, or another witness signed it.");
        }
        String now = AuditTime.format(clock.instant());
        return database.write(tx -> {
            int added = 0;
            for (SignedNote.Line l : valid) {
                String line = new SignedNote(note.text(), List.of(l)).format().substring(note.text().length() + 1)
                        .stripTrailing();
                if (CosignatureStore.insert(tx.connection(), cp.size(), line, witness.verifierKey(), now)) {
                    added++;
                }
            }
            return new Imported(cp.size(), added, witness.name());
        });
    }
}
