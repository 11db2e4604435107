package dev.arbiter.core.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * A per-decision receipt (issue 18, {@code GET /v1/actions/{id}/receipt}): every ledger entry of one trace with its
 * RFC 6962 inclusion proof against a signed checkpoint, that checkpoint, and a signed note naming the entries, so
 * that an agent or its operator can keep proof of what was decided and verify it offline with the ledger's public
 * key ({@code docs/verifier/verify.py}, {@code arbiter audit verify --public-key K receipt.json}).
 *
 * <p>The JSON ({@value #FORMAT}): {@code format}, {@code trace_id}, {@code entries} (each {@code seq},
 * {@code hash}, {@code body}, {@code proof} — as a bundle's entries), {@code checkpoint} (the signed C2SP
 * tlog-checkpoint), {@code public_key} (for convenience; an auditor obtains it separately), {@code key_id} and
 * {@code checkpoint_key_id} (the ids of the keys of the workspace's key set that signed the receipt and its
 * checkpoint: in a team they may be two hosts' keys), {@code witnessed_by} (each witness whose cosignature of
 * the checkpoint this workspace imported and still verifies: {@code name}, {@code key} — its C2SP cosignature/v1
 * verifier key, for convenience as {@code public_key} is — and {@code time}, the Unix seconds in its
 * cosignature; empty when no witness cosigned the checkpoint), and {@code signature}:
 * a signed note whose text is {@value #FORMAT}, then {@code <origin> <checkpoint size>}, then one line
 * {@code <seq> <hash>} per entry.
 *
 * <p>The checkpoint is the smallest covering one a witness cosigned, else the smallest covering one
 * ({@link Checkpoints#coveringForEvidence}), so that a receipt is checkable against a second machine whenever
 * the workspace has a witness. {@code witnessed_by} is not signed by the log: each claim is checked against the
 * witness's own cosignature line on the checkpoint ({@link OfflineVerifier#verifyReceipt}).
 *
 * @param traceId    the trace the entries belong to
 * @param entries    the trace's entries, oldest first, at least one
 * @param checkpoint the signed checkpoint note the proofs lead to
 * @param publicKey  the signer's verifier key
 * @param signature  the signed receipt note
 * @param witnesses  the witnesses whose cosignature of {@code checkpoint} verifies, empty when none
 */
public record Receipt(String traceId, List<ProvenEntry> entries, String checkpoint, String publicKey,
                      String signature, List<Checkpoints.WitnessedBy> witnesses) {

    /** The receipt format's name, first line of its signed note. */
    public static final String FORMAT = "arbiter-receipt/v1";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An entry as stored and hashed, with its audit path (hex hashes, nearest sibling first). */
    public record ProvenEntry(long seq, String hash, String body, List<byte[]> proof) {
        public ProvenEntry {
            proof = List.copyOf(proof);
        }
    }

    public Receipt {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("A receipt names at least one entry");
        }
        entries = List.copyOf(entries);
        witnesses = List.copyOf(witnesses);
    }

    /** The text the receipt's signature covers. */
    static String signedText(SignedCheckpoint checkpoint, List<ProvenEntry> entries) {
        StringBuilder b = new StringBuilder(FORMAT).append('\n')
                .append(checkpoint.origin()).append(' ').append(checkpoint.size()).append('\n');
        for (ProvenEntry e : entries) {
            b.append(e.seq()).append(' ').append(e.hash()).append('\n');
        }
        return b.toString();
    }

    /** The receipt as UTF-8 JSON. */
    public byte[] json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("trace_id", traceId);
        ArrayNode list = root.putArray("entries");
        HexFormat hex = HexFormat.of();
        for (ProvenEntry e : entries) {
            ObjectNode o = list.addObject();
            o.put("seq", e.seq());
            o.put("hash", e.hash());
            o.put("body", e.body());
            ArrayNode proof = o.putArray("proof");
            e.proof().forEach(p -> proof.add(hex.formatHex(p)));
        }
        root.put("checkpoint", checkpoint);
        root.put("public_key", publicKey);
        // Which key of the workspace's set signed what (in a team another host may have signed the checkpoint).
        root.put("key_id", HexFormat.of().formatHex(NoteKey.parse(publicKey).keyId()));
        SignedNote cp = SignedNote.parse(checkpoint);
        root.put("checkpoint_key_id", HexFormat.of().formatHex(cp.signatures().get(0).keyId()));
        ArrayNode witnessed = root.putArray("witnessed_by");
        for (Checkpoints.WitnessedBy w : witnesses) {
            witnessed.addObject().put("name", w.witness().name()).put("key", w.witness().verifierKey())
                    .put("time", w.at().getEpochSecond());
        }
        root.put("signature", signature);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }
}
