package dev.arbiter.core.evidence;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A C2SP tlog-witness {@code add-checkpoint} request body (https://c2sp.org/tlog-witness): {@code old <size>},
 * the RFC 6962 consistency proof from that size to the checkpoint's (one base64 hash a line, at most
 * {@value #MAX_PROOF} lines, none when the old size is 0), a blank line, then the signed checkpoint note. Arbiter
 * carries it in a file from the log's workspace to the witness's.
 *
 * @param oldSize    the size of the checkpoint the witness last cosigned for this log, as the log believes
 * @param proof      the consistency proof, 32-byte hashes
 * @param checkpoint the log's signed checkpoint
 */
public record AddCheckpoint(long oldSize, List<byte[]> proof, SignedNote checkpoint) {

    /** The most proof lines a request may carry (tlog-witness). */
    public static final int MAX_PROOF = 63;
    /** The largest request read, in bytes: a note with a few dozen signatures and a full proof fit easily. */
    public static final int MAX_BYTES = 64 * 1024;

    public AddCheckpoint {
        if (oldSize < 0) {
            throw new IllegalArgumentException("The old size is a tree size, ≥ 0");
        }
        if (proof.size() > MAX_PROOF) {
            throw new IllegalArgumentException("A consistency proof has at most " + MAX_PROOF + " hashes");
        }
        proof = List.copyOf(proof);
    }

    /** The request body. */
    public String format() {
        StringBuilder b = new StringBuilder("old ").append(oldSize).append('\n');
        for (byte[] h : proof) {
            b.append(Base64.getEncoder().encodeToString(h)).append('\n');
        }
        return b.append('\n').append(checkpoint.format()).toString();
    }

    /**
     * Reads a request body.
     *
     * @throws IllegalArgumentException naming the line that is wrong
     */
    public static AddCheckpoint parse(String body) {
        if (body.length() > MAX_BYTES) {
            throw new IllegalArgumentException("The request is larger than " + MAX_BYTES / 1024 + " KiB: not an "
                    + "add-checkpoint request");
        }
        int blank = body.indexOf("\n\n");
        if (!body.startsWith("old ") || blank < 0) {
            throw new IllegalArgumentException("Line 1 must read \"old <size>\" and a blank line must end the proof: "
                    + "not an add-checkpoint request (write one with `arbiter audit checkpoint --export FILE`)");
        }
        String[] head = body.substring(0, blank).split("\n", -1);
        String size = head[0].substring(4);
        long old;
        try {
            old = Long.parseLong(size);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Line 1: \"" + size + "\" is not a tree size");
        }
        if (old < 0 || !size.equals(Long.toString(old))) {
            throw new IllegalArgumentException("Line 1: \"" + size + "\" is not a tree size (decimal, no leading zeros)");
        }
        if (head.length - 1 > MAX_PROOF) {
            throw new IllegalArgumentException("The consistency proof has " + (head.length - 1) + " lines; at most "
                    + MAX_PROOF + " are allowed");
        }
        List<byte[]> proof = new ArrayList<>();
        for (int i = 1; i < head.length; i++) {
            byte[] h;
            try {
                h = Base64.getDecoder().decode(head[i]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Line " + (i + 1) + " is not a base64 hash");
            }
            if (h.length != MerkleTree.HASH_BYTES) {
                throw new IllegalArgumentException("Line " + (i + 1) + " is not a 32-byte hash");
            }
            proof.add(h);
        }
        SignedNote note;
        try {
            note = SignedNote.parse(body.substring(blank + 2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The checkpoint after line " + head.length + ": " + e.getMessage());
        }
        return new AddCheckpoint(old, proof, note);
    }
}
