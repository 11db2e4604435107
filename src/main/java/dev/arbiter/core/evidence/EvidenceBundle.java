package dev.arbiter.core.evidence;

import dev.arbiter.core.audit.AuditReader;
import dev.arbiter.core.store.OwnerOnly;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an evidence bundle: a zip an auditor verifies offline, without Arbiter ({@code docs/verifier/}).
 *
 * <ul>
 * <li>{@code entries-000000.jsonl}, {@code entries-000001.jsonl}, …: the entries of the range in chain order,
 *     {@value #ENTRIES_PER_FILE} a file (the last file the rest), each exactly its stored body (the bytes its
 *     SHA-256 hash covers, so its hash is the SHA-256 of the line) followed by a line feed, and nothing else;
 *     every body starts with {@code {"seq":N,"prev_hash":"<hex>"}}. Several files let a verifier inflate them
 *     on every core at once (one deflated stream can only be inflated by one thread);</li>
 * <li>{@value #RANGE_PROOF}: one {@link RangeProof} that those entries are leaves {@code first-1..last-1} of the
 *     checkpoint's RFC 6962 tree (O(log n) hashes for the whole range);</li>
 * <li>{@value #CHECKPOINT}: the signed checkpoint (C2SP tlog-checkpoint) the proof leads to;</li>
 * <li>{@value PoliciesInForce#INDEX} and {@code policies/<name>-v<N>.yaml}: the policy versions in force over the
 *     range, each exactly as saved, with the ledger entries recording its digest ({@link PoliciesInForce});</li>
 * <li>{@value #PUBLIC_KEY}: the signer's verifier key, for convenience (an auditor should obtain it separately);</li>
 * <li>{@value #MANIFEST}: a signed note whose text is {@value #MANIFEST_HEADER}, then one line
 *     {@code <hex sha256> <file name>} for each of the three small files above.</li>
 * </ul>
 * The manifest lists no digest of the entries files: the range proof it binds already binds every byte of them
 * (each line is a leaf of the signed tree, each file is exactly its lines, each ended by a line feed, and how many
 * lines each file holds is fixed by the format), and a second SHA-256 of them doubled the verifier's hashing. A verifier refuses a bundle holding any other
 * file, or a name twice, so that nothing in the zip is unbound ({@code docs/verifier/README.md}).
 * The entries include the approvals, reviewer sign-offs and policy changes recorded in that range, as the ledger
 * holds them.
 *
 * @throws IllegalStateException from {@link #write} when a policy version's stored text no longer hashes to the
 *         digest its ledger entry records
 */
public final class EvidenceBundle {

    /** The one entries file of a bundle of format v3 (read, no longer written). */
    public static final String ENTRIES = "entries.jsonl";
    /** How many entries each entries file of a v4 bundle holds, but the last (which holds 1 to this many). */
    public static final int ENTRIES_PER_FILE = 1 << 14;
    public static final String RANGE_PROOF = "range-proof.json";
    public static final String CHECKPOINT = "checkpoint.txt";
    public static final String PUBLIC_KEY = "public-key.txt";
    public static final String MANIFEST = "manifest.txt";
    public static final String MANIFEST_HEADER = "arbiter-evidence-bundle/v4";
    /**
     * The deflate level of every file: level 4 is the lowest whose lazy matching finds the long runs entries share,
     * so a bundle is about 12 % smaller and about 10 % cheaper to inflate (every verify pays that) than at level 1,
     * for twice level 1's deflate time when writing; levels above 4 gain under 1 % in size and nothing in inflating
     * (measured on 1 M bench entries: 56.3, 49.8 and 49.4 MB at levels 1, 4 and 6). Any level is the same format.
     */
    static final int DEFLATE_LEVEL = 4;
    /** The format before the entries were split into files; {@link OfflineVerifier} still verifies it. */
    public static final String MANIFEST_HEADER_V3 = "arbiter-evidence-bundle/v3";

    /** Told how many entries were written, of how many. */
    @FunctionalInterface
    public interface Progress {
        void update(long done, long total);
    }

    /** What a bundle holds: its entries' range, the checkpoint's size and how many policy versions in force. */
    public record Written(Path file, long fromSeq, long toSeq, long checkpointSize, int policyVersions) {
    }

    private final AuditReader reader;
    private final Checkpoints checkpoints;

    /** The name of entries file {@code index} (from 0) of a v4 bundle: {@code entries-000000.jsonl} and on. */
    public static String entriesFile(int index) {
        return String.format(java.util.Locale.ROOT, "entries-%06d.jsonl", index);
    }

    /** How many entries files a v4 bundle of {@code entries} entries holds. */
    public static long entriesFiles(long entries) {
        return (entries + ENTRIES_PER_FILE - 1) / ENTRIES_PER_FILE;
    }

    public EvidenceBundle(AuditReader reader, Checkpoints checkpoints) {
        this.reader = reader;
        this.checkpoints = checkpoints;
    }

    /**
     * Writes entries #{@code fromSeq}..#{@code toSeq} with their range proof into {@code out} (replaced
     * atomically), signing a new checkpoint first when none covers {@code toSeq} yet. The proof leads to the
     * smallest covering checkpoint a witness cosigned, else the smallest covering one
     * ({@link Checkpoints#coveringForEvidence}). Streams: memory stays
     * O(log n) whatever the range; {@code progress} hears every 10,000 entries.
     *
     * @throws IllegalArgumentException when the range is empty, beyond the ledger's head or starts in a part
     *         pruned by retention (the message says which)
     * @throws IOException when {@code out} cannot be written (nothing is left half-written under its name)
     */
    public Written write(long fromSeq, long toSeq, Path out, Progress progress) throws IOException {
        if (fromSeq < 1 || toSeq < fromSeq) {
            throw new IllegalArgumentException("The range #" + fromSeq + " to #" + toSeq + " holds no entry");
        }
        if (checkpoints.covering(toSeq).isEmpty()) {
            checkpoints.checkpoint();
        }
        String note = checkpoints.coveringForEvidence(toSeq).orElseThrow(() -> new IllegalArgumentException(
                "Entry #" + toSeq + " is beyond the ledger's last entry"));
        SignedNote signed = SignedNote.parse(note);
        SignedCheckpoint checkpoint = SignedCheckpoint.parse(signed.text());
        RangeProof proof = checkpoints.tree().rangeProof(fromSeq, toSeq, checkpoint.size());
        PolicyMentions mentioned = new PolicyMentions();
        PoliciesInForce.Files policies;
        Path target = out.toAbsolutePath();
        OwnerOnly.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Map<String, String> digests = new LinkedHashMap<>();
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            zip.setLevel(DEFLATE_LEVEL);
            long total = toSeq - fromSeq + 1;
            long[] next = {fromSeq};
            reader.forEachStored(fromSeq, toSeq, row -> {
                if (row.seq() != next[0]) {
                    throw new IllegalArgumentException("Entry #" + next[0] + " is no longer in the ledger (pruned by "
                            + "retention), so a bundle cannot start before #" + row.seq() + ". Choose a later start.");
                }
                byte[] body = row.body().getBytes(StandardCharsets.UTF_8);
                if (row.body().indexOf('\n') >= 0) {
                    throw new IllegalStateException("Entry #" + row.seq() + " holds a line break, which no entry "
                            + "Arbiter writes does: the ledger was altered. Run `arbiter audit verify`.");
                }
                mentioned.line(body, 0, body.length);
                try {
                    long index = next[0] - fromSeq;
                    if (index % ENTRIES_PER_FILE == 0) {
                        if (index > 0) {
                            zip.closeEntry();
                        }
                        zip.putNextEntry(new ZipEntry(entriesFile((int) (index / ENTRIES_PER_FILE))));
                    }
                    zip.write(body);
                    zip.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (++next[0] % 10_000 == 0) {
                    progress.update(next[0] - fromSeq, total);
                }
            });
            if (next[0] != toSeq + 1) {
                throw new IllegalArgumentException("Entries #" + next[0] + " to #" + toSeq + " are not in the ledger "
                        + "(pruned by retention, or beyond its last entry); nothing was written.");
            }
            progress.update(total, total);
            zip.closeEntry();
            // After the entries: every version they show in force is carried, as the verifiers require.
            policies = new PoliciesInForce(checkpoints.database()).files(fromSeq, toSeq, checkpoint.size(),
                    checkpoints.tree(), mentioned.mentions());
            add(zip, RANGE_PROOF, proof.json(), digests);
            add(zip, CHECKPOINT, note.getBytes(StandardCharsets.UTF_8), digests);
            for (Map.Entry<String, byte[]> policy : policies.files().entrySet()) {
                add(zip, policy.getKey(), policy.getValue(), digests);
            }
            add(zip, PUBLIC_KEY, (signed.signatures().isEmpty() ? "" : checkpoints.key().publicKey().verifierKey()
                    + "\n").getBytes(StandardCharsets.UTF_8), digests);
            StringBuilder manifest = new StringBuilder(MANIFEST_HEADER).append('\n');
            digests.forEach((name, digest) -> manifest.append(digest).append(' ').append(name).append('\n'));
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(SignedNote.sign(manifest.toString(), checkpoints.key()).format().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (UncheckedIOException e) {
            Files.deleteIfExists(tmp);
            throw e.getCause();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return new Written(target, fromSeq, toSeq, checkpoint.size(), policies.versions());
    }

    private static void add(ZipOutputStream zip, String name, byte[] bytes, Map<String, String> digests)
            throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
        digests.put(name, HexFormat.of().formatHex(MerkleTree.sha256().digest(bytes)));
    }
}
