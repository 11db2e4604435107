package dev.arbiter.core.evidence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.arbiter.core.audit.AuditReader;
import dev.arbiter.core.audit.EntryHashes;
import dev.arbiter.core.store.OwnerOnly;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an evidence bundle: a zip an auditor verifies offline, without Arbiter ({@code docs/verifier/}).
 *
 * <ul>
 * <li>{@value #ENTRIES}: one JSON object a line for each entry of the range, in chain order:
 *     {@code seq}, {@code hash} (hex SHA-256 of the UTF-8 {@code body}), {@code body} (the stored, hashed text,
 *     which names its seq and the previous entry's hash) and {@code proof} (the RFC 6962 audit path, hex, of leaf
 *     {@code seq - 1} = SHA-256(0x00 || hash bytes) in the checkpoint's tree);</li>
 * <li>{@value #CHECKPOINT}: the signed checkpoint (C2SP tlog-checkpoint) the proofs lead to;</li>
 * <li>{@value #PUBLIC_KEY}: the signer's verifier key, for convenience (an auditor should obtain it separately);</li>
 * <li>{@value #MANIFEST}: a signed note whose text is {@code arbiter-evidence-bundle/v1}, then one line
 *     {@code <hex sha256> <file name>} for each file above.</li>
 * </ul>
 * The entries include the approvals, reviewer sign-offs and policy changes recorded in that range, as the ledger
 * holds them.
 */
public final class EvidenceBundle {

    public static final String ENTRIES = "entries.jsonl";
    public static final String CHECKPOINT = "checkpoint.txt";
    public static final String PUBLIC_KEY = "public-key.txt";
    public static final String MANIFEST = "manifest.txt";
    public static final String MANIFEST_HEADER = "arbiter-evidence-bundle/v1";

    /** Told how many entries were written, of how many. */
    @FunctionalInterface
    public interface Progress {
        void update(long done, long total);
    }

    /** What a bundle holds. */
    public record Written(Path file, long fromSeq, long toSeq, long checkpointSize) {
    }

    private final AuditReader reader;
    private final EntryHashes hashes;
    private final Checkpoints checkpoints;

    public EvidenceBundle(AuditReader reader, Checkpoints checkpoints) {
        this.reader = reader;
        this.hashes = checkpoints.entryHashes();
        this.checkpoints = checkpoints;
    }

    /**
     * Writes entries #{@code fromSeq}..#{@code toSeq} with their proofs into {@code out} (replaced atomically),
     * signing a new checkpoint first when none covers {@code toSeq} yet.
     *
     * @throws IllegalArgumentException when the range is empty or beyond the ledger's head
     * @throws IOException when {@code out} cannot be written (nothing is left half-written under its name)
     */
    public Written write(long fromSeq, long toSeq, Path out, Progress progress) throws IOException {
        if (fromSeq < 1 || toSeq < fromSeq) {
            throw new IllegalArgumentException("The range #" + fromSeq + " to #" + toSeq + " holds no entry");
        }
        if (checkpoints.covering(toSeq).isEmpty()) {
            checkpoints.checkpoint();
        }
        String note = checkpoints.covering(toSeq).orElseThrow(() -> new IllegalArgumentException(
                "Entry #" + toSeq + " is beyond the ledger's last entry"));
        SignedNote signed = SignedNote.parse(note);
        SignedCheckpoint checkpoint = SignedCheckpoint.parse(signed.text());
        List<byte[]> leaves = new ArrayList<>();
        for (byte[] h : hashes.upTo(checkpoint.size())) {
            leaves.add(MerkleTree.leafHash(h));
        }
        MerkleLevels tree = new MerkleLevels(leaves);
        Path target = out.toAbsolutePath();
        OwnerOnly.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Map<String, String> digests = new LinkedHashMap<>();
        HexFormat hex = HexFormat.of();
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(tmp))) {
            zip.putNextEntry(new ZipEntry(ENTRIES));
            MessageDigest sha = MerkleTree.sha256();
            OutputStream digesting = new DigestOutputStream(new NonClosing(zip), sha);
            long total = toSeq - fromSeq + 1;
            IOException[] failed = new IOException[1];
            try (JsonGenerator json = new JsonFactory().createGenerator(digesting)) {
                json.setRootValueSeparator(null);
                long[] done = {0};
                reader.forEachStored(fromSeq, toSeq, row -> {
                    try {
                        json.writeStartObject();
                        json.writeNumberField("seq", row.seq());
                        json.writeStringField("hash", row.hash());
                        json.writeStringField("body", row.body());
                        json.writeArrayFieldStart("proof");
                        for (byte[] p : tree.inclusionProof(row.seq() - 1)) {
                            json.writeString(hex.formatHex(p));
                        }
                        json.writeEndArray();
                        json.writeEndObject();
                        json.writeRaw('\n');
                        if (++done[0] % 10_000 == 0) {
                            progress.update(done[0], total);
                        }
                    } catch (IOException e) {
                        failed[0] = e;
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                progress.update(done[0], total);
            }
            if (failed[0] != null) {
                throw failed[0];
            }
            zip.closeEntry();
            digests.put(ENTRIES, hex.formatHex(sha.digest()));
            add(zip, CHECKPOINT, note, digests);
            add(zip, PUBLIC_KEY, signed.signatures().isEmpty() ? "" : checkpoints.key().publicKey().verifierKey()
                    + "\n", digests);
            StringBuilder manifest = new StringBuilder(MANIFEST_HEADER).append('\n');
            digests.forEach((name, digest) -> manifest.append(digest).append(' ').append(name).append('\n'));
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(SignedNote.sign(manifest.toString(), checkpoints.key()).format().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (java.io.UncheckedIOException e) {
            Files.deleteIfExists(tmp);
            throw e.getCause();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return new Written(target, fromSeq, toSeq, checkpoint.size());
    }

    private static void add(ZipOutputStream zip, String name, String text, Map<String, String> digests)
            throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
        digests.put(name, HexFormat.of().formatHex(MerkleTree.sha256().digest(bytes)));
    }

    /** Lets the JSON writer close its stream without closing the zip. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
