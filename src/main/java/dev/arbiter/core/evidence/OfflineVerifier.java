package dev.arbiter.core.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Verifies an evidence bundle ({@link EvidenceBundle}) or its entries file with a checkpoint, given only the
 * signer's public key: no database, no workspace. The same checks as the independent Python verifier in
 * {@code docs/verifier/}: the checkpoint and the manifest are signed by the key, every file matches its manifest
 * digest, every entry's body hashes to its hash, names its seq and links to the entry before it, and its hash is
 * in the checkpoint's tree (RFC 6962 inclusion proof).
 */
public final class OfflineVerifier {

    /** What was found: {@code problem} empty when everything verified; {@code summary} one sentence. */
    public record Outcome(Optional<String> problem, String summary) {

        public boolean intact() {
            return problem.isEmpty();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private OfflineVerifier() {
    }

    /** Verifies a bundle zip. */
    public static Outcome verifyBundle(Path bundle, NoteKey key) throws IOException {
        return verifyBundle(bundle, List.of(key));
    }

    /** Verifies a bundle zip signed by any of {@code keys} (a team's published key set). */
    public static Outcome verifyBundle(Path bundle, List<NoteKey> keys) throws IOException {
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            ZipEntry manifestEntry = zip.getEntry(EvidenceBundle.MANIFEST);
            if (manifestEntry == null) {
                return broken(bundle.getFileName() + " holds no " + EvidenceBundle.MANIFEST + ": not an evidence bundle.");
            }
            SignedNote manifest;
            try {
                manifest = SignedNote.parse(text(zip, manifestEntry));
            } catch (IllegalArgumentException e) {
                return broken(EvidenceBundle.MANIFEST + ": " + e.getMessage());
            }
            if (!signedByAny(manifest, keys)) {
                return broken("The manifest is not signed by " + names(keys) + ": the bundle was altered, or the key "
                        + "is not the one that made it.");
            }
            String[] lines = manifest.text().split("\n");
            if (!lines[0].equals(EvidenceBundle.MANIFEST_HEADER)) {
                return broken("The manifest does not start with " + EvidenceBundle.MANIFEST_HEADER);
            }
            Map<String, String> digests = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                String[] parts = lines[i].split(" ", 2);
                digests.put(parts[1], parts[0]);
            }
            for (String name : List.of(EvidenceBundle.ENTRIES, EvidenceBundle.CHECKPOINT)) {
                ZipEntry e = zip.getEntry(name);
                if (e == null || !digests.containsKey(name)) {
                    return broken("The bundle lacks " + name + " or its manifest line.");
                }
                try (InputStream in = zip.getInputStream(e)) {
                    if (!HexFormat.of().formatHex(MerkleTree.sha256().digest(in.readAllBytes())).equals(digests.get(name))) {
                        return broken(name + " does not match its SHA-256 in the signed manifest: it was altered.");
                    }
                }
            }
            String checkpoint = text(zip, zip.getEntry(EvidenceBundle.CHECKPOINT));
            try (InputStream in = zip.getInputStream(zip.getEntry(EvidenceBundle.ENTRIES))) {
                return verifyEntries(in, checkpoint, keys);
            }
        }
    }

    /** Verifies an entries file (the bundle's {@value EvidenceBundle#ENTRIES}) against a signed checkpoint. */
    public static Outcome verifyEntries(Path entries, String checkpointNote, NoteKey key) throws IOException {
        return verifyEntries(entries, checkpointNote, List.of(key));
    }

    /** Verifies an entries file against a checkpoint signed by any of {@code keys}. */
    public static Outcome verifyEntries(Path entries, String checkpointNote, List<NoteKey> keys) throws IOException {
        try (InputStream in = Files.newInputStream(entries)) {
            return verifyEntries(in, checkpointNote, keys);
        }
    }

    private static Outcome verifyEntries(InputStream entries, String checkpointNote, List<NoteKey> keys)
            throws IOException {
        SignedNote note;
        SignedCheckpoint cp;
        try {
            note = SignedNote.parse(checkpointNote);
            cp = SignedCheckpoint.parse(note.text());
        } catch (IllegalArgumentException e) {
            return broken("The checkpoint cannot be read: " + e.getMessage());
        }
        if (!signedByAny(note, keys)) {
            return broken("The checkpoint is not signed by " + names(keys) + ": it was forged or altered, or the key "
                    + "is not the ledger's.");
        }
        HexFormat hex = HexFormat.of();
        BufferedReader in = new BufferedReader(new InputStreamReader(entries, StandardCharsets.UTF_8), 1 << 16);
        String line;
        int number = 0;
        long count = 0;
        long first = -1;
        long last = -1;
        String previousHash = null;
        while ((line = in.readLine()) != null) {
            number++;
            JsonNode row;
            try {
                row = JSON.readTree(line);
            } catch (IOException e) {
                return broken("Line " + number + " is not JSON.");
            }
            long seq = row.path("seq").asLong(-1);
            String hash = row.path("hash").asText("");
            String body = row.path("body").asText("");
            if (!hex.formatHex(MerkleTree.sha256().digest(body.getBytes(StandardCharsets.UTF_8))).equals(hash)) {
                return broken("Entry #" + seq + " (line " + number + ") does not hash to its hash: it was altered.");
            }
            JsonNode parsed = JSON.readTree(body);
            if (parsed.path("seq").asLong(-2) != seq) {
                return broken("Line " + number + " says entry #" + seq + " but its body is entry #"
                        + parsed.path("seq").asText() + ": entries were reordered.");
            }
            if (previousHash != null && (seq != last + 1 || !parsed.path("prev_hash").asText().equals(previousHash))) {
                return broken("Entry #" + seq + " does not follow entry #" + last + ": entries were removed, inserted "
                        + "or reordered.");
            }
            List<byte[]> proof = new ArrayList<>();
            for (JsonNode p : row.path("proof")) {
                proof.add(hex.parseHex(p.asText()));
            }
            if (hash.length() != 64 || !MerkleTree.verifyInclusion(MerkleTree.leafHash(hex.parseHex(hash)), seq - 1,
                    cp.size(), proof, cp.root())) {
                return broken("Entry #" + seq + " is not in the signed checkpoint of " + cp.size()
                        + " entries: it was altered, or the checkpoint is not this ledger's.");
            }
            if (first < 0) {
                first = seq;
            }
            last = seq;
            previousHash = hash;
            count++;
        }
        if (count == 0) {
            return broken("The entries file is empty.");
        }
        return new Outcome(Optional.empty(), "Verified " + count + " entries (#" + first + " to #" + last
                + ") against the checkpoint of " + cp.origin() + " at " + cp.size() + " entries, signed by "
                + signer(note, keys) + ".");
    }

    /**
     * Verifies a receipt ({@link Receipt}): its checkpoint and its signed note are signed by {@code key}, the note
     * names exactly its entries, and every entry hashes to its hash, is the entry of its seq and of the receipt's
     * trace, and is in the checkpoint's tree (RFC 6962 inclusion proof).
     */
    public static Outcome verifyReceipt(byte[] json, NoteKey key) {
        return verifyReceipt(json, List.of(key));
    }

    /**
     * Verifies a receipt whose checkpoint and signature are each signed by some key of {@code keys}: in a team,
     * the checkpoint may be signed by one host and the receipt by another.
     */
    public static Outcome verifyReceipt(byte[] json, List<NoteKey> keys) {
        JsonNode receipt;
        try {
            receipt = JSON.readTree(json);
        } catch (IOException e) {
            return broken("The receipt is not JSON (" + e.getMessage().lines().findFirst().orElse("") + ").");
        }
        if (receipt == null || !Receipt.FORMAT.equals(receipt.path("format").asText())) {
            return broken("Not a receipt: its \"format\" is not " + Receipt.FORMAT + ".");
        }
        String traceId = receipt.path("trace_id").asText("");
        SignedNote checkpointNote;
        SignedCheckpoint cp;
        SignedNote signature;
        try {
            checkpointNote = SignedNote.parse(receipt.path("checkpoint").asText(""));
            cp = SignedCheckpoint.parse(checkpointNote.text());
            signature = SignedNote.parse(receipt.path("signature").asText(""));
        } catch (IllegalArgumentException e) {
            return broken("The receipt's checkpoint or signature cannot be read: " + e.getMessage());
        }
        if (!signedByAny(checkpointNote, keys)) {
            return broken("The receipt's checkpoint is not signed by " + names(keys) + ": it was forged or altered, "
                    + "or it was signed by another host of the team whose key is missing (give the workspace's whole "
                    + "key set, `arbiter audit key export`).");
        }
        if (!signedByAny(signature, keys)) {
            return broken("The receipt is not signed by " + names(keys) + ": it was altered, or it was signed by "
                    + "another host of the team whose key is missing.");
        }
        StringBuilder expected = new StringBuilder(Receipt.FORMAT).append('\n').append(cp.origin()).append(' ')
                .append(cp.size()).append('\n');
        HexFormat hex = HexFormat.of();
        int count = 0;
        for (JsonNode row : receipt.path("entries")) {
            long seq = row.path("seq").asLong(-1);
            String hash = row.path("hash").asText("");
            String body = row.path("body").asText("");
            if (!hex.formatHex(MerkleTree.sha256().digest(body.getBytes(StandardCharsets.UTF_8))).equals(hash)) {
                return broken("Entry #" + seq + " of the receipt does not hash to its hash: it was altered.");
            }
            JsonNode parsed;
            try {
                parsed = JSON.readTree(body);
            } catch (IOException e) {
                return broken("Entry #" + seq + " of the receipt has a body that is not JSON.");
            }
            if (parsed.path("seq").asLong(-2) != seq || !parsed.path("trace_id").asText().equals(traceId)) {
                return broken("Entry #" + seq + " of the receipt is not an entry of trace " + traceId + " at #" + seq
                        + ": the receipt was altered.");
            }
            List<byte[]> proof = new ArrayList<>();
            try {
                for (JsonNode p : row.path("proof")) {
                    proof.add(hex.parseHex(p.asText()));
                }
            } catch (IllegalArgumentException e) {
                return broken("Entry #" + seq + " of the receipt has a proof that is not hex.");
            }
            if (!MerkleTree.verifyInclusion(MerkleTree.leafHash(hex.parseHex(hash)), seq - 1, cp.size(), proof,
                    cp.root())) {
                return broken("Entry #" + seq + " is not in the signed checkpoint of " + cp.size() + " entries: it "
                        + "was altered, or the checkpoint is not this ledger's.");
            }
            expected.append(seq).append(' ').append(hash).append('\n');
            count++;
        }
        if (count == 0) {
            return broken("The receipt names no entry.");
        }
        if (!signature.text().equals(expected.toString())) {
            return broken("The receipt's signed note does not name exactly its entries: entries were added, removed "
                    + "or reordered.");
        }
        return new Outcome(Optional.empty(), "Verified the receipt of trace " + traceId + ": " + count + " entr"
                + (count == 1 ? "y" : "ies") + " in the checkpoint of " + cp.origin() + " at " + cp.size()
                + " entries, signed by " + signer(checkpointNote, keys) + ".");
    }

    private static boolean signedByAny(SignedNote note, List<NoteKey> keys) {
        return keys.stream().anyMatch(note::signedBy);
    }

    /** The first key of {@code keys} that signed {@code note}, as {@code name (key id)}. */
    private static String signer(SignedNote note, List<NoteKey> keys) {
        return keys.stream().filter(note::signedBy).findFirst()
                .map(k -> k.name() + " (key " + HexFormat.of().formatHex(k.keyId()) + ")").orElse("?");
    }

    private static String names(List<NoteKey> keys) {
        return keys.size() == 1 ? keys.get(0).name() : "any of the " + keys.size() + " keys given";
    }

    private static String text(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Outcome broken(String problem) {
        return new Outcome(Optional.of(problem), problem);
    }
}
