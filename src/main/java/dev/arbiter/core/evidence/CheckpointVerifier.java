package dev.arbiter.core.evidence;

import dev.arbiter.core.audit.EntryHashes;
import dev.arbiter.core.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Checks the ledger against its signed checkpoints: every stored checkpoint is a well-formed note for this
 * ledger's origin signed by a trusted key, its tree size and root match the Merkle tree of the entry hashes as
 * they are now, the newest one is at least as new as the copy beside the database, and the log only grew
 * between the two newest (an RFC 6962 consistency proof, computed and verified). Together with the hash chain
 * ({@code ChainVerifier}: each body hashes to its stored hash) this catches a rewrite of the database and the
 * head anchor that keeps the chain consistent, because the rewriter cannot sign the new roots.
 */
public final class CheckpointVerifier {

    /** What was found. {@code problem} empty: intact; {@code summary} says what was checked, one sentence. */
    public record Outcome(Optional<String> problem, String summary) {

        public boolean intact() {
            return problem.isEmpty();
        }
    }

    private final Checkpoints checkpoints;
    private final EntryHashes hashes;

    public CheckpointVerifier(Checkpoints checkpoints, EntryHashes hashes) {
        this.checkpoints = checkpoints;
        this.hashes = hashes;
    }

    /**
     * Checks with the keys the workspace trusts ({@link Checkpoints#trustedKeys}: its own key, and on a team's
     * PostgreSQL database every host's published key; none if no key was ever made).
     */
    public Outcome verify() {
        return verify(checkpoints.trustedKeys());
    }

    /**
     * Checks with {@code trusted} keys; a checkpoint signed by none of them is a problem.
     */
    public Outcome verify(List<NoteKey> trusted) {
        List<String> notes = checkpoints.all();
        Optional<SignedNote> copy;
        try {
            copy = latestCopy();
        } catch (IllegalArgumentException | IOException e) {
            return broken("The checkpoint copy " + checkpoints.latestFile() + " cannot be read (" + e.getMessage()
                    + "). Restore it from a backup.");
        }
        if (notes.isEmpty()) {
            if (copy.isPresent() || (!trusted.isEmpty() && checkpoints.existingPublicKey().isPresent())) {
                return broken("The workspace has a signing key" + (copy.isPresent() ? " and a checkpoint copy "
                        + checkpoints.latestFile() : "") + " but the database holds no signed checkpoint: they "
                        + "were deleted, or this database is not the one that was checkpointed.");
            }
            return new Outcome(Optional.empty(), "No signed checkpoint yet (`arbiter audit checkpoint` writes one).");
        }
        List<SignedCheckpoint> parsed = new ArrayList<>();
        String origin = checkpoints.origin();
        for (String text : notes) {
            SignedNote note;
            SignedCheckpoint cp;
            try {
                note = SignedNote.parse(text);
                cp = SignedCheckpoint.parse(note.text());
            } catch (IllegalArgumentException e) {
                return broken("A stored signed checkpoint cannot be read: " + e.getMessage());
            }
            if (!cp.origin().equals(origin)) {
                return broken("The checkpoint of " + cp.size() + " entries names the ledger " + cp.origin()
                        + ", not this one (" + origin + "): it was copied from another workspace.");
            }
            if (trusted.stream().noneMatch(note::signedBy)) {
                return broken("The checkpoint of " + cp.size() + " entries carries no valid signature by "
                        + (trusted.isEmpty() ? "the workspace key (" + checkpoints.keyFile() + " is missing)"
                        : names(trusted)) + ": it was forged or altered.");
            }
            parsed.add(cp);
        }
        if (copy.isPresent()) {
            SignedCheckpoint kept;
            try {
                kept = SignedCheckpoint.parse(copy.get().text());
            } catch (IllegalArgumentException e) {
                return broken("The checkpoint copy " + checkpoints.latestFile() + " cannot be read: " + e.getMessage());
            }
            if (trusted.stream().anyMatch(copy.get()::signedBy) && !parsed.contains(kept)) {
                return broken("The signed checkpoint of " + kept.size() + " entries kept in "
                        + checkpoints.latestFile() + " is not in the database: checkpoints were removed or the "
                        + "ledger was rewritten.");
            }
        }
        long largest = parsed.get(parsed.size() - 1).size();
        List<byte[]> leaves;
        try {
            leaves = new ArrayList<>((int) Math.min(largest, Integer.MAX_VALUE));
            for (byte[] h : hashes.upTo(largest)) {
                leaves.add(MerkleTree.leafHash(h));
            }
        } catch (StoreException e) {
            return broken(e.getMessage());
        }
        CompactRange tree = new CompactRange();
        int next = 0;
        for (SignedCheckpoint cp : parsed) {
            while (tree.size() < cp.size()) {
                tree.append(leaves.get(next++));
            }
            if (!Arrays.equals(tree.root(), cp.root())) {
                return broken("Entries #1 to #" + cp.size() + " are not the entries the signed checkpoint of "
                        + cp.size() + " entries covers: the ledger was rewritten (with its hashes) after it was "
                        + "signed. Restore the database from a backup and compare.");
            }
        }
        if (parsed.size() > 1) {
            SignedCheckpoint older = parsed.get(parsed.size() - 2);
            SignedCheckpoint newer = parsed.get(parsed.size() - 1);
            List<byte[]> proof = MerkleTree.consistencyProof(leaves.subList(0, (int) newer.size()), older.size());
            if (!MerkleTree.verifyConsistency(older.size(), older.root(), newer.size(), newer.root(), proof)) {
                return broken("The checkpoints of " + older.size() + " and " + newer.size()
                        + " entries are not consistent: the log did not only grow between them.");
            }
        }
        return new Outcome(Optional.empty(), parsed.size() + " signed checkpoint" + (parsed.size() == 1 ? "" : "s")
                + " verified, the newest covering entries #1 to #" + largest + ".");
    }

    private Optional<SignedNote> latestCopy() throws IOException {
        try {
            return Optional.of(SignedNote.parse(Files.readString(checkpoints.latestFile(), StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static String names(List<NoteKey> keys) {
        return String.join(", ", keys.stream().map(NoteKey::verifierKey).toList());
    }

    private static Outcome broken(String problem) {
        return new Outcome(Optional.of(problem), problem);
    }
}
