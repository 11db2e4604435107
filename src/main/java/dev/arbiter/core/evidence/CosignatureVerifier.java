package dev.arbiter.core.evidence;

import dev.arbiter.core.audit.EntryHashes;
import dev.arbiter.core.store.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Checks the ledger against what its witnesses saw (issue 18). Two checks, each catching a rewrite that re-signed
 * the checkpoints with the workspace's own key, which {@link CheckpointVerifier} alone cannot see:
 * <ul>
 *   <li>{@link #verifyCosigned}: each given witness cosigned one of the stored checkpoints, with a valid
 *   signature (a rewrite drops or breaks the cosignatures, since the witness key is on another machine);</li>
 *   <li>{@link #verifyAgainst}: a checkpoint obtained from the witness ({@code arbiter witness show}) is signed by
 *   the log, cosigned by the witnesses, and its root is the Merkle root of the ledger's entries as they are now.</li>
 * </ul>
 * Run with {@link CheckpointVerifier}, which proves every stored checkpoint matches the entries.
 */
public final class CosignatureVerifier {

    private final Checkpoints checkpoints;
    private final EntryHashes hashes;

    public CosignatureVerifier(Checkpoints checkpoints, EntryHashes hashes) {
        this.checkpoints = checkpoints;
        this.hashes = hashes;
    }

    /** Every witness in {@code witnesses} validly cosigned a stored checkpoint; names the newest for each. */
    public CheckpointVerifier.Outcome verifyCosigned(List<CosignerKey> witnesses) {
        List<SignedNote> notes = new ArrayList<>();
        for (String n : checkpoints.all()) {
            notes.add(SignedNote.parse(n));
        }
        List<String> said = new ArrayList<>();
        for (CosignerKey w : witnesses) {
            Optional<SignedCheckpoint> newest = Optional.empty();
            Optional<Instant> at = Optional.empty();
            for (SignedNote note : notes) {
                boolean claimed = note.signatures().stream()
                        .anyMatch(l -> l.keyName().equals(w.name()) && Arrays.equals(l.keyId(), w.keyId()));
                Optional<Instant> valid = w.cosignedAt(note);
                SignedCheckpoint cp = SignedCheckpoint.parse(note.text());
                if (claimed && valid.isEmpty()) {
                    return broken("The cosignature by the witness " + w.name() + " on the checkpoint of " + cp.size()
                            + " entries does not verify: the checkpoint was re-signed after the witness saw it (the "
                            + "ledger was rewritten), or the line was altered. Ask the witness for the checkpoint it "
                            + "cosigned (`arbiter witness show`) and verify with --checkpoint FILE.");
                }
                if (valid.isPresent()) {
                    newest = Optional.of(cp);
                    at = valid;
                }
            }
            if (newest.isEmpty()) {
                return broken("No stored checkpoint is cosigned by the witness " + w.name() + ": it never cosigned "
                        + "this ledger, or its cosignatures were removed with a rewrite. Ask the witness for the "
                        + "checkpoint it cosigned (`arbiter witness show`) and verify with --checkpoint FILE.");
            }
            said.add("the witness " + w.name() + " cosigned entries #1 to #" + newest.get().size() + " at "
                    + at.get());
        }
        return new CheckpointVerifier.Outcome(Optional.empty(), capitalize(String.join("; ", said)) + ".");
    }

    /**
     * {@code checkpointNote} (e.g. the checkpoint a witness cosigned, carried from its workspace) is signed by one
     * of {@code logKeys}, cosigned by every one of {@code witnesses}, of this ledger, and the Merkle root of the
     * ledger's entries #1 to #size as they are now.
     */
    public CheckpointVerifier.Outcome verifyAgainst(String checkpointNote, List<NoteKey> logKeys,
                                                   List<CosignerKey> witnesses) {
        SignedNote note;
        SignedCheckpoint cp;
        try {
            note = SignedNote.parse(checkpointNote);
            cp = SignedCheckpoint.parse(note.text());
        } catch (IllegalArgumentException e) {
            return broken("The checkpoint file cannot be read: " + e.getMessage());
        }
        if (logKeys.stream().noneMatch(note::signedBy)) {
            return broken("The checkpoint file is not signed by the ledger's key: it is another log's, or forged.");
        }
        for (CosignerKey w : witnesses) {
            if (w.cosignedAt(note).isEmpty()) {
                return broken("The checkpoint file carries no valid cosignature by the witness " + w.name() + ".");
            }
        }
        if (!cp.origin().equals(checkpoints.origin())) {
            return broken("The checkpoint file is of the log " + cp.origin() + ", not of this ledger ("
                    + checkpoints.origin() + ").");
        }
        List<byte[]> leaves;
        try {
            leaves = hashes.upTo(cp.size());
        } catch (StoreException e) {
            return broken(e.getMessage());
        }
        if (leaves.size() < cp.size()) {
            return broken("The ledger holds " + leaves.size() + " entries, fewer than the " + cp.size() + " of the "
                    + "checkpoint the witness saw: entries were cut off or the ledger was restored from an old copy.");
        }
        CompactRange tree = new CompactRange();
        for (byte[] h : leaves) {
            tree.append(MerkleTree.leafHash(h));
        }
        if (!Arrays.equals(tree.root(), cp.root())) {
            return broken("Entries #1 to #" + cp.size() + " are not the entries of the checkpoint the witness "
                    + (witnesses.isEmpty() ? "" : witnesses.get(0).name() + " ") + "cosigned: the ledger was "
                    + "rewritten after the witness saw it. Restore the database from a backup and compare.");
        }
        return new CheckpointVerifier.Outcome(Optional.empty(), "Entries #1 to #" + cp.size() + " are the entries of "
                + "the given checkpoint" + (witnesses.isEmpty() ? "" : ", cosigned by " + String.join(", ",
                witnesses.stream().map(CosignerKey::name).toList())) + ".");
    }

    /**
     * The signed checkpoint note an offline file carries: a bundle's {@value EvidenceBundle#CHECKPOINT}, a receipt's
     * {@code checkpoint}, or for an entries file the separate {@code checkpoint} file.
     *
     * @throws IllegalArgumentException when the file carries none (the message says what to give)
     * @throws java.io.IOException when the file cannot be read, or a bundle's zip is not in the strict form every
     *         bundle has ({@link ZipDirectory}; the message says what is wrong)
     */
    public static String checkpointOf(java.nio.file.Path file, java.nio.file.Path checkpoint)
            throws java.io.IOException {
        String name = file.getFileName().toString();
        if (name.endsWith(".zip")) {
            try (ZipDirectory zip = ZipDirectory.open(file)) {
                if (!zip.holds(EvidenceBundle.CHECKPOINT)) {
                    throw new IllegalArgumentException(file + " holds no " + EvidenceBundle.CHECKPOINT);
                }
                try (var in = zip.open(EvidenceBundle.CHECKPOINT)) {
                    return new String(in.readNBytes(AddCheckpoint.MAX_BYTES), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }
        if (name.endsWith(".json")) {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile()).path("checkpoint")
                    .asText("");
        }
        if (checkpoint == null) {
            throw new IllegalArgumentException("--checkpoint FILE is required to check the witnesses of " + file);
        }
        return java.nio.file.Files.readString(checkpoint, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static CheckpointVerifier.Outcome broken(String problem) {
        return new CheckpointVerifier.Outcome(Optional.of(problem), problem);
    }
}
