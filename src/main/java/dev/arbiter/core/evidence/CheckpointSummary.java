package dev.arbiter.core.evidence;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The newest signed checkpoint as a person reads it (the Audit Log's signature-aware verify, issue 18): how many
 * entries it covers, when it was signed and by which keys. Says nothing about whether the signatures are valid;
 * {@link CheckpointVerifier} checks that.
 *
 * @param size     entries covered (#1..#size)
 * @param signedAt when the checkpoint was stored
 * @param signers  each signature's key as {@code <name>+<hex key id>} (C2SP signed-note), in the note's order
 */
public record CheckpointSummary(long size, Instant signedAt, List<String> signers) {

    public CheckpointSummary {
        signers = List.copyOf(signers);
    }

    /** Reads a stored checkpoint note. @throws IllegalArgumentException when it is not a signed checkpoint */
    static CheckpointSummary of(String note, Instant signedAt) {
        SignedNote signed = SignedNote.parse(note);
        SignedCheckpoint checkpoint = SignedCheckpoint.parse(signed.text());
        return new CheckpointSummary(checkpoint.size(), signedAt, signed.signatures().stream()
                .map(l -> l.keyName() + "+" + HexFormat.of().formatHex(l.keyId())).toList());
    }
}
