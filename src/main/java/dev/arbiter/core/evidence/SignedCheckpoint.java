package dev.arbiter.core.evidence;

import java.util.Arrays;
import java.util.Base64;

/**
 * The body of a C2SP {@code tlog-checkpoint} (https://c2sp.org/tlog-checkpoint): the log's origin, its size
 * (entries), and the RFC 6962 root hash over them, one per line, base64. Signed, it is a
 * {@link SignedNote}. Not to be confused with the retention checkpoint of {@code core.audit}, which marks a
 * pruned range.
 *
 * @param origin the ledger's name ({@link NoteKey#validName})
 * @param size   how many entries the tree holds, ≥ 0 (entries #1..#size)
 * @param root   the 32-byte Merkle root
 */
public record SignedCheckpoint(String origin, long size, byte[] root) {

    public SignedCheckpoint {
        if (!NoteKey.validName(origin)) {
            throw new IllegalArgumentException("A checkpoint's origin must be non-empty and hold no spaces");
        }
        if (size < 0 || root.length != MerkleTree.HASH_BYTES) {
            throw new IllegalArgumentException("A checkpoint needs a size ≥ 0 and a 32-byte root");
        }
        root = root.clone();
    }

    /** The note text: {@code origin\nsize\nbase64(root)\n}. */
    public String text() {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
    }

    /**
     * Reads the checkpoint a note's text holds (extension lines after the root are ignored, as the spec allows).
     *
     * @throws IllegalArgumentException naming the line that is wrong
     */
    public static SignedCheckpoint parse(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length < 4) {
            throw new IllegalArgumentException("A checkpoint has an origin, a size and a root hash line");
        }
        long size;
        try {
            size = Long.parseLong(lines[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Line 2 of the checkpoint is not a tree size: \"" + lines[1] + "\"");
        }
        if (size < 0 || !lines[1].equals(Long.toString(size))) {
            throw new IllegalArgumentException("Line 2 of the checkpoint is not a tree size: \"" + lines[1] + "\"");
        }
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Line 3 of the checkpoint is not a base64 root hash");
        }
        return new SignedCheckpoint(lines[0], size, root);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedCheckpoint c && c.origin.equals(origin) && c.size == size
                && Arrays.equals(c.root, root);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(size) * 31 + Arrays.hashCode(root);
    }
}
