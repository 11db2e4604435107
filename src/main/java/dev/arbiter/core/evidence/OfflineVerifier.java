package dev.arbiter.core.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies an evidence bundle ({@link EvidenceBundle}) or its entries file with a checkpoint, given only the
 * signer's public key: no database, no workspace. The same checks as the independent Python verifier in
 * {@code docs/verifier/}: the checkpoint and the manifest are signed by the key, every small file matches its
 * manifest digest and the zip holds nothing else but the entries files (each name once, in the strict zip form of
 * {@link ZipDirectory}, which serves every name and byte read here), every entry is the entry
 * its line says and names the hash of the one before it, and the entries' hashes with the bundle's one range proof
 * fold to the checkpoint's RFC 6962 root ({@link EntryFiles}, or {@link EntryLines} for v3: one streaming pass).
 *
 * <p>Both bundle formats verify: v4 ({@value EvidenceBundle#MANIFEST_HEADER}, the entries in files of
 * {@value EvidenceBundle#ENTRIES_PER_FILE} inflated in parallel) and v3 ({@value EvidenceBundle#MANIFEST_HEADER_V3},
 * one {@value EvidenceBundle#ENTRIES}), so evidence handed out before v4 stays checkable; v2 and older are refused.
 */
public final class OfflineVerifier {

    /** What was found: {@code problem} empty when everything verified; {@code summary} one sentence. */
    public record Outcome(Optional<String> problem, String summary) {

        public boolean intact() {
            return problem.isEmpty();
        }
    }

    /** The largest small file (manifest, checkpoint, range proof, key) read into memory, in bytes. */
    private static final int SMALL_FILE = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The names a v4 bundle's entries files may have; which of them it must hold follows from the range proof. */
    private static final java.util.regex.Pattern ENTRIES_FILE = java.util.regex.Pattern.compile(
            "entries-[0-9]{6,9}\\.jsonl");

    /** Checks the entries against the parsed range proof and the checkpoint's root. */
    @FunctionalInterface
    private interface EntriesCheck {
        EntriesResult run(RangeProof proof, byte[] root) throws IOException;
    }

    private OfflineVerifier() {
    }

    /** Verifies a bundle zip. */
    public static Outcome verifyBundle(Path bundle, NoteKey key) throws IOException {
        return verifyBundle(bundle, List.of(key));
    }

    /** Verifies a bundle zip signed by any of {@code keys} (a team's published key set). */
    public static Outcome verifyBundle(Path bundle, List<NoteKey> keys) throws IOException {
        ZipDirectory zip;
        try {
            zip = ZipDirectory.open(bundle);
        } catch (ZipDirectory.Malformed e) {
            return broken(e.getMessage());
        }
        try (zip) {
            return verifyBundle(bundle, zip, keys);
        } catch (IOException e) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof ZipDirectory.Malformed m) {
                    return broken(m.getMessage()); // a file's bytes are not what its zip record says
                }
            }
            throw e;
        }
    }

    private static Outcome verifyBundle(Path bundle, ZipDirectory zip, List<NoteKey> keys) throws IOException {
        if (!zip.holds(EvidenceBundle.MANIFEST)) {
            return broken(bundle.getFileName() + " holds no " + EvidenceBundle.MANIFEST + ": not an evidence bundle.");
        }
        SignedNote manifest;
        try {
            manifest = SignedNote.parse(new String(small(zip, EvidenceBundle.MANIFEST), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return broken(EvidenceBundle.MANIFEST + ": " + e.getMessage());
        }
        if (!signedByAny(manifest, keys)) {
            return broken("The manifest is not signed by " + names(keys) + ": the bundle was altered, or the key "
                    + "is not the one that made it.");
        }
        String[] lines = manifest.text().split("\n");
        boolean split = lines[0].equals(EvidenceBundle.MANIFEST_HEADER);
        if (!split && !lines[0].equals(EvidenceBundle.MANIFEST_HEADER_V3)) {
            return broken("The manifest starts with " + lines[0] + ", not " + EvidenceBundle.MANIFEST_HEADER
                    + " or " + EvidenceBundle.MANIFEST_HEADER_V3 + ": this is not an evidence bundle this verifier "
                    + "reads (a bundle of an earlier format was written by a development build; write it again "
                    + "with `arbiter audit bundle`).");
        }
        Map<String, String> digests = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] parts = lines[i].split(" ", 2);
            if (parts.length != 2 || isEntries(parts[1], split) || parts[1].equals(EvidenceBundle.MANIFEST)) {
                return broken("Line " + (i + 1) + " of the manifest is not \"<sha256> <file>\" for a file "
                        + "other than the entries and " + EvidenceBundle.MANIFEST + ".");
            }
            if (digests.put(parts[1], parts[0]) != null) {
                return broken("Line " + (i + 1) + " of the manifest lists " + parts[1] + " twice: a manifest "
                        + "names each file once.");
            }
        }
        for (String name : List.of(EvidenceBundle.RANGE_PROOF, EvidenceBundle.CHECKPOINT)) {
            if (!digests.containsKey(name)) {
                return broken("The manifest has no line for " + name + ".");
            }
        }
        Optional<String> unbound = unbound(zip, digests, split);
        if (unbound.isPresent()) {
            return broken(unbound.get());
        }
        Map<String, byte[]> files = new HashMap<>();
        for (Map.Entry<String, String> d : digests.entrySet()) {
            if (!zip.holds(d.getKey())) {
                return broken("The manifest lists " + d.getKey() + ", which the bundle lacks.");
            }
            byte[] bytes = small(zip, d.getKey());
            if (!HexFormat.of().formatHex(MerkleTree.sha256().digest(bytes)).equals(d.getValue())) {
                return broken(d.getKey() + " does not match its SHA-256 in the signed manifest: it was altered.");
            }
            files.put(d.getKey(), bytes);
        }
        // No digest of the entries: the signed range proof binds every line, and the lines every byte.
        String checkpoint = new String(files.get(EvidenceBundle.CHECKPOINT), StandardCharsets.UTF_8);
        Outcome outcome;
        PolicyMentions mentioned = new PolicyMentions();
        if (split) {
            outcome = verifyEntries((proof, root) -> members(zip, proof, root, mentioned),
                    files.get(EvidenceBundle.RANGE_PROOF), checkpoint, keys);
        } else {
            if (!zip.holds(EvidenceBundle.ENTRIES)) {
                return broken("The bundle lacks " + EvidenceBundle.ENTRIES + ".");
            }
            try (InputStream in = zip.open(EvidenceBundle.ENTRIES)) {
                outcome = verifyEntries((proof, root) -> EntryLines.verify(in, proof, root, mentioned),
                        files.get(EvidenceBundle.RANGE_PROOF), checkpoint, keys);
            }
        }
        return outcome.intact() ? withPolicies(outcome, files, mentioned.mentions()) : outcome;
    }

    /**
     * A file of the zip that nothing signed binds (neither the manifest, nor the entries file, nor a manifest
     * line): an auditor's unzip tool could show other bytes than those verified. A name held twice never gets
     * here: {@link ZipDirectory} refuses it.
     */
    private static Optional<String> unbound(ZipDirectory zip, Map<String, String> digests, boolean split) {
        for (String name : zip.names()) {
            if (!name.equals(EvidenceBundle.MANIFEST) && !isEntries(name, split) && !digests.containsKey(name)) {
                return Optional.of("The bundle holds " + name + ", which its signed manifest does not list: it was "
                        + "added after signing.");
            }
        }
        return Optional.empty();
    }

    /** Whether {@code name} may be an entries file of a v4 ({@code split}) or v3 bundle. */
    private static boolean isEntries(String name, boolean split) {
        return split ? ENTRIES_FILE.matcher(name).matches() : name.equals(EvidenceBundle.ENTRIES);
    }

    /**
     * The entries files of a v4 bundle: exactly the files its range needs ({@link EvidenceBundle#entriesFiles}),
     * checked in parallel ({@link EntryFiles}).
     */
    private static EntriesResult members(ZipDirectory zip, RangeProof proof, byte[] root, LineScan scan)
            throws IOException {
        long needed = EvidenceBundle.entriesFiles(proof.count());
        int per = EvidenceBundle.ENTRIES_PER_FILE;
        List<String> found = new ArrayList<>();
        for (int i = 0; i < needed; i++) {
            String name = EvidenceBundle.entriesFile(i);
            if (!zip.holds(name)) {
                return EntriesResult.problem("The bundle lacks " + EvidenceBundle.entriesFile(i)
                        + ", which holds entries #" + (proof.firstSeq() + (long) i * per) + " to #" + Math.min(
                        proof.lastSeq(), proof.firstSeq() + (long) (i + 1) * per - 1) + ": entries were removed.",
                        0);
            }
            found.add(name);
        }
        for (String name : zip.names()) {
            int index = ENTRIES_FILE.matcher(name).matches() ? Integer.parseInt(name, 8, name.length() - 6, 10) : -1;
            if (index >= 0 && (index >= needed || !name.equals(EvidenceBundle.entriesFile(index)))) {
                return EntriesResult.problem("The bundle holds " + name + ", but entries #"
                        + proof.firstSeq() + " to #" + proof.lastSeq() + " fill only " + needed + " entries file"
                        + (needed == 1 ? "" : "s") + " (" + EvidenceBundle.entriesFile(0) + " to "
                        + EvidenceBundle.entriesFile((int) needed - 1) + "): entries were added.", 0);
            }
        }
        return EntryFiles.verify(new EntryFiles.Members() {
            @Override
            public int count() {
                return found.size();
            }

            @Override
            public int perFile() {
                return per;
            }

            @Override
            public String name(int index) {
                return found.get(index);
            }

            @Override
            public InputStream open(int index) throws IOException {
                return zip.open(found.get(index));
            }
        }, proof, root, LineBlocks.BLOCK, scan);
    }

    /**
     * Verifies an entries file (the bundle's {@value EvidenceBundle#ENTRIES}) with its range proof (the bundle's
     * {@value EvidenceBundle#RANGE_PROOF}) against a signed checkpoint.
     */
    public static Outcome verifyEntries(Path entries, Path rangeProof, String checkpointNote, NoteKey key)
            throws IOException {
        return verifyEntries(entries, rangeProof, checkpointNote, List.of(key));
    }

    /** As {@link #verifyEntries(Path, Path, String, NoteKey)}, with a checkpoint signed by any of {@code keys}. */
    public static Outcome verifyEntries(Path entries, Path rangeProof, String checkpointNote, List<NoteKey> keys)
            throws IOException {
        if (Files.size(rangeProof) > SMALL_FILE) {
            return broken("The range proof " + rangeProof + " is larger than a range proof can be.");
        }
        byte[] proof = Files.readAllBytes(rangeProof);
        try (InputStream in = Files.newInputStream(entries)) {
            return verifyEntries((p, root) -> EntryLines.verify(in, p, root), proof, checkpointNote, keys);
        }
    }

    private static Outcome verifyEntries(EntriesCheck entries, byte[] rangeProof,
                                         String checkpointNote, List<NoteKey> keys) throws IOException {
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
        RangeProof proof;
        try {
            proof = RangeProof.parse(rangeProof);
        } catch (IllegalArgumentException e) {
            return broken("The range proof cannot be read: " + e.getMessage() + ".");
        }
        if (proof.treeSize() != cp.size()) {
            return broken("The range proof is for a tree of " + proof.treeSize() + " entries, but the checkpoint "
                    + "covers " + cp.size() + ": they do not belong together.");
        }
        EntriesResult result = entries.run(proof, cp.root());
        if (result.problem().isPresent()) {
            return broken(result.problem().get());
        }
        return new Outcome(Optional.empty(), "Verified " + result.count() + " entries (#" + proof.firstSeq() + " to #"
                + proof.lastSeq() + ") against the checkpoint of " + cp.origin() + " at " + cp.size()
                + " entries, signed by " + signer(note, keys) + ".");
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
            // a seq is a whole JSON number: "5" or 5.0 would be read as 5 here and refused by the Python verifier
            if (!row.path("seq").isIntegralNumber() || !row.path("seq").canConvertToLong()) {
                return broken("An entry of the receipt has a seq that is not a whole number: it was altered.");
            }
            long seq = row.path("seq").asLong(-1);
            String hash = row.path("hash").asText("");
            String body = row.path("body").asText("");
            Optional<byte[]> utf8 = strictUtf8(body);
            if (utf8.isEmpty() || !hex.formatHex(MerkleTree.sha256().digest(utf8.get())).equals(hash)) {
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
        Outcome witnessed = witnessClaims(receipt, checkpointNote);
        if (!witnessed.intact()) {
            return witnessed;
        }
        return new Outcome(Optional.empty(), "Verified the receipt of trace " + traceId + ": " + count + " entr"
                + (count == 1 ? "y" : "ies") + " in the checkpoint of " + cp.origin() + " at " + cp.size()
                + " entries, signed by " + signer(checkpointNote, keys) + "." + witnessed.summary());
    }

    /**
     * A receipt's {@code witnessed_by} claims ({@link Receipt}), each checked against the witness's cosignature line
     * on the receipt's checkpoint under the key the claim names: the summary says whether and by whom the checkpoint
     * was witnessed (empty for a receipt written before the field existed), the problem names a claim no line
     * backs. Whether a named key is really that witness's is for the auditor to check ({@code --witness-key}).
     */
    private static Outcome witnessClaims(JsonNode receipt, SignedNote checkpoint) {
        if (!receipt.has("witnessed_by")) {
            return new Outcome(Optional.empty(), "");
        }
        JsonNode claims = receipt.get("witnessed_by");
        if (!claims.isArray()) {
            return broken("The receipt's \"witnessed_by\" is not a list: it was altered.");
        }
        if (claims.isEmpty()) {
            return new Outcome(Optional.empty(), " Not witnessed: no witness had cosigned a checkpoint covering it "
                    + "when the receipt was written.");
        }
        List<String> named = new ArrayList<>();
        for (JsonNode claim : claims) {
            String name = claim.path("name").asText("");
            CosignerKey key;
            try {
                key = CosignerKey.parse(claim.path("key").asText(""));
            } catch (IllegalArgumentException e) {
                return broken("The receipt names the witness " + name + " with a key that cannot be read ("
                        + e.getMessage() + "): it was altered.");
            }
            Optional<java.time.Instant> at = key.cosignedAt(checkpoint);
            // the time is a JSON integer as written: 1700000000.0 or 1.7e9 is not read as one (Python does not)
            if (!key.name().equals(name) || at.isEmpty() || !claim.path("time").isIntegralNumber()
                    || !claim.path("time").canConvertToLong()
                    || at.get().getEpochSecond() != claim.path("time").asLong()) {
                return broken("The receipt says the witness " + name + " cosigned its checkpoint, but the checkpoint "
                        + "carries no cosignature by that key at that time: the receipt was altered.");
            }
            named.add(name + " at " + at.get());
        }
        return new Outcome(Optional.empty(), " Witnessed: the checkpoint is cosigned by " + String.join(", ", named)
                + " (under the key" + (named.size() == 1 ? "" : "s") + " the receipt names; give --witness-key to "
                + "check " + (named.size() == 1 ? "it is" : "they are") + " the witness's).");
    }

    /** The bundle's policy files checked against the digests its ledger entries record ({@link PolicyFilesCheck}). */
    private static Outcome withPolicies(Outcome entries, Map<String, byte[]> files,
                                        List<PolicyMentions.Mention> mentioned) {
        SignedCheckpoint cp = SignedCheckpoint.parse(SignedNote.parse(new String(files.get(EvidenceBundle.CHECKPOINT),
                StandardCharsets.UTF_8)).text());
        PolicyFilesCheck.Result policies = PolicyFilesCheck.verify(files, cp, mentioned);
        if (policies.problem().isPresent()) {
            return broken(policies.problem().get());
        }
        return new Outcome(Optional.empty(), entries.summary() + " " + policies.versions() + " policy version"
                + (policies.versions() == 1 ? "" : "s") + " in force, each the text whose SHA-256 the ledger records"
                + ", and every version the entries show in force is there" + policies.notIncluded() + ". "
                + PolicyFilesCheck.UNPROVEN_AT_START);
    }

    /**
     * The UTF-8 bytes of {@code text}, empty when it holds a lone surrogate: {@link String#getBytes} would write
     * {@code ?} for it, so a body whose {@code ?} was replaced by a surrogate escape would hash as the original.
     */
    private static Optional<byte[]> strictUtf8(String text) {
        try {
            var buffer = StandardCharsets.UTF_8.newEncoder().encode(java.nio.CharBuffer.wrap(text));
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return Optional.of(bytes);
        } catch (java.nio.charset.CharacterCodingException e) {
            return Optional.empty();
        }
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

    /** A small file of the bundle, refused beyond {@value #SMALL_FILE} bytes (a zip can claim any size). */
    private static byte[] small(ZipDirectory zip, String name) throws IOException {
        try (InputStream in = zip.open(name)) {
            byte[] bytes = in.readNBytes(SMALL_FILE + 1);
            if (bytes.length > SMALL_FILE) {
                throw new IOException(name + " is larger than " + (SMALL_FILE >> 20) + " MB, which no "
                        + "file of an evidence bundle but its entries is");
            }
            return bytes;
        }
    }

    private static Outcome broken(String problem) {
        return new Outcome(Optional.of(problem), problem);
    }
}
