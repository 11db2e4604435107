package dev.arbiter.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.store.DataDirectory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Tamper tests of an evidence bundle (issue 18), verified offline: entries #3 to #37 of a real 40-entry ledger,
 * so the range proof has subtrees on both sides. Any single byte changed, added or removed anywhere in the entries
 * file is caught, whatever the block size the verifier reads in (so the checks across block boundaries are
 * exercised too), and each kind of attack on the bundle fails for its own reason.
 */
class EvidenceBundleTamperTest {

    static final long FIRST = 3;
    static final long LAST = 37;
    static Path dir;
    static Workspace ws;
    static NoteKey key;
    static SigningKey signer;
    static Path bundle;
    static Map<String, byte[]> files;

    @BeforeContainer
    static void writeBundle() throws Exception {
        dir = Files.createTempDirectory("bundle-tamper");
        ws = Workspace.open(new DataDirectory(dir));
        for (int i = 0; i < 40; i++) {
            ws.ledger().append(AuditEntry.of("decision").traceId("t-" + i).agentId("agent-" + (i % 3))
                    .action("create:ticket").inputSummary(i % 5 == 0 ? "Größe — 日本語 ✓ " + i : "ticket " + i)
                    .decision(i % 4 == 0 ? "deny" : "allow").reasonCode("R" + i).build());
        }
        ws.checkpoints().checkpoint();
        key = ws.checkpoints().key().publicKey();
        signer = ws.checkpoints().key();
        bundle = dir.resolve("evidence.zip");
        new EvidenceBundle(ws.auditReader(), ws.checkpoints()).write(FIRST, LAST, bundle, (done, total) -> { });
        files = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            for (var it = zip.entries(); it.hasMoreElements(); ) {
                ZipEntry e = it.nextElement();
                files.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
    }

    @AfterContainer
    static void close() {
        ws.close();
    }

    @Example
    void theIntactBundleVerifiesAndItsManifestListsNoDigestOfTheEntries() throws IOException {
        var outcome = OfflineVerifier.verifyBundle(bundle, key);
        assertThat(outcome.problem()).isEmpty();
        assertThat(outcome.summary()).contains("Verified 35 entries (#3 to #37)");
        String manifest = new String(files.get(EvidenceBundle.MANIFEST), StandardCharsets.UTF_8);
        assertThat(manifest).startsWith(EvidenceBundle.MANIFEST_HEADER + "\n").contains(" range-proof.json\n")
                .contains(" checkpoint.txt\n").doesNotContain(EvidenceBundle.ENTRIES);
        assertThat(verify(files.get(EvidenceBundle.ENTRIES), 64).problem()).isEmpty();
    }

    /** Any one byte replaced, inserted or removed anywhere in the entries file fails the verify. */
    @Property(tries = 200)
    void anySingleByteChangeInTheEntriesFileIsCaught(@ForAll @IntRange(min = 0, max = 1_000_000) int where,
                                                      @ForAll @IntRange(min = 0, max = 2) int how,
                                                      @ForAll byte value,
                                                      @ForAll @IntRange(min = 16, max = 4096) int block)
            throws IOException {
        byte[] original = files.get(EvidenceBundle.ENTRIES);
        int at = where % (original.length + (how == 1 ? 1 : 0));
        byte[] altered = switch (how) {
            case 0 -> replaced(original, at, original[at] == value ? (byte) (value + 1) : value);
            case 1 -> inserted(original, at, value);
            default -> removed(original, at);
        };
        assertThat(verify(altered, block).problem()).as("byte %d, change %d", at, how).isPresent();
    }

    /** The same through the zip, with the entries re-deflated: the manifest binds them through the range proof. */
    @Property(tries = 25)
    void anySingleByteChangeInTheBundlesEntriesIsCaught(@ForAll @IntRange(min = 0, max = 1_000_000) int where,
                                                         @ForAll byte value) throws IOException {
        byte[] original = files.get(EvidenceBundle.ENTRIES);
        int at = where % original.length;
        Map<String, byte[]> altered = new LinkedHashMap<>(files);
        altered.put(EvidenceBundle.ENTRIES, replaced(original, at, original[at] == value ? (byte) (value + 1)
                : value));
        assertThat(verifyZip(altered).problem()).as("byte %d", at).isPresent();
    }

    @Example
    void eachAttackOnTheEntriesFailsForItsOwnReason() throws IOException {
        List<byte[]> lines = lines();
        assertThat(problemOf(without(lines, 4))).contains("Line 5 holds entry #8 where entry #7 belongs");
        List<byte[]> swapped = new ArrayList<>(lines);
        swapped.set(10, lines.get(11));
        swapped.set(11, lines.get(10));
        assertThat(problemOf(swapped)).contains("Line 11 holds entry #14 where entry #13 belongs");
        assertThat(problemOf(without(lines, lines.size() - 1))).contains("ends before entry #37")
                .contains("entries were removed");
        List<byte[]> added = new ArrayList<>(lines);
        added.add(lines.get(0));
        assertThat(problemOf(added)).contains("Line 36 is past the last entry the range proof covers (#37)");
        List<byte[]> edited = new ArrayList<>(lines);
        edited.set(6, new String(lines.get(6), StandardCharsets.UTF_8).replace("ticket", "tickets")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(problemOf(edited)).contains("Entry #10 (line 8) does not name the hash of entry #9");
        List<byte[]> lastEdited = new ArrayList<>(lines);
        lastEdited.set(34, new String(lines.get(34), StandardCharsets.UTF_8).replace("\"agent-", "\"agenT-")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(problemOf(lastEdited)).contains("are not the entries the signed checkpoint of 40 entries covers");
        List<byte[]> blank = new ArrayList<>(lines);
        blank.add(3, new byte[0]);
        assertThat(problemOf(blank)).contains("Line 4 is not a ledger entry");

        byte[] whole = files.get(EvidenceBundle.ENTRIES);
        for (int block : new int[] {16, 333, EntryLines.BLOCK}) {
            assertThat(verify(Arrays.copyOf(whole, whole.length - 1), block).problem())
                    .hasValueSatisfying(p -> assertThat(p).contains("Line 35 (entry #37) does not end with a line "
                            + "feed"));
            byte[] trailing = Arrays.copyOf(whole, whole.length + 3);
            assertThat(verify(trailing, block).problem())
                    .hasValueSatisfying(p -> assertThat(p).contains("Line 36 is past the last entry"));
        }
    }

    @Example
    void eachAttackOnTheZipFailsForItsOwnReason() throws IOException {
        Map<String, byte[]> proof = new LinkedHashMap<>(files);
        proof.put(EvidenceBundle.RANGE_PROOF, new String(files.get(EvidenceBundle.RANGE_PROOF),
                StandardCharsets.UTF_8).replace("\"last_seq\" : 37", "\"last_seq\" : 36").getBytes(
                StandardCharsets.UTF_8));
        assertThat(problemOf(proof)).contains("range-proof.json does not match its SHA-256 in the signed manifest");

        Map<String, byte[]> extra = new LinkedHashMap<>(files);
        extra.put("notes.txt", "trust me".getBytes(StandardCharsets.UTF_8));
        assertThat(problemOf(extra)).contains("holds notes.txt, which its signed manifest does not list");

        Map<String, byte[]> manifest = new LinkedHashMap<>(files);
        manifest.put(EvidenceBundle.MANIFEST, new String(files.get(EvidenceBundle.MANIFEST), StandardCharsets.UTF_8)
                .replace("v3\n", "v3 \n").getBytes(StandardCharsets.UTF_8));
        assertThat(problemOf(manifest)).contains("The manifest is not signed by");

        String text = SignedNote.parse(new String(files.get(EvidenceBundle.MANIFEST), StandardCharsets.UTF_8)).text();
        Map<String, byte[]> v2 = new LinkedHashMap<>(files);
        v2.put(EvidenceBundle.MANIFEST, SignedNote.sign(text.replace("/v3", "/v2"), signer).format()
                .getBytes(StandardCharsets.UTF_8));
        assertThat(problemOf(v2)).contains("not an evidence bundle this verifier reads");
        Map<String, byte[]> listed = new LinkedHashMap<>(files);
        listed.put(EvidenceBundle.MANIFEST, SignedNote.sign(text + "00 " + EvidenceBundle.ENTRIES + "\n", signer)
                .format().getBytes(StandardCharsets.UTF_8));
        // the appended line comes after every line the manifest already has (its header included)
        long appendedLine = text.lines().count() + 1;
        assertThat(problemOf(listed)).contains("Line " + appendedLine + " of the manifest is not");

        // Two entries named entries.jsonl: a tool may show either, so the bundle is refused whichever one is intact.
        Map<String, byte[]> twice = new LinkedHashMap<>(files);
        twice.put("entries.jsonX", "{}\n".getBytes(StandardCharsets.UTF_8));
        byte[] zip = zipBytes(twice, ZipEntry.STORED);
        byte[] renamed = replaceAll(zip, "entries.jsonX".getBytes(StandardCharsets.US_ASCII),
                EvidenceBundle.ENTRIES.getBytes(StandardCharsets.US_ASCII));
        Path file = dir.resolve("twice.zip");
        Files.write(file, renamed);
        assertThat(OfflineVerifier.verifyBundle(file, key).problem())
                .hasValueSatisfying(p -> assertThat(p).contains("holds entries.jsonl twice"));
    }

    private static OfflineVerifier.Outcome verify(byte[] entries, int block) throws IOException {
        String note = new String(files.get(EvidenceBundle.CHECKPOINT), StandardCharsets.UTF_8);
        SignedCheckpoint cp = SignedCheckpoint.parse(SignedNote.parse(note).text());
        RangeProof proof = RangeProof.parse(files.get(EvidenceBundle.RANGE_PROOF));
        EntryLines.Result r = EntryLines.verify(new ByteArrayInputStream(entries), proof, cp.root(), block);
        return new OfflineVerifier.Outcome(r.problem(), r.problem().orElse("verified"));
    }

    private static String problemOf(List<byte[]> lines) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] l : lines) {
            out.write(l);
            out.write('\n');
        }
        byte[] bytes = out.toByteArray();
        String small = verify(bytes, 100).problem().orElse("verified");
        assertThat(verify(bytes, EntryLines.BLOCK).problem()).as("the same with one block").hasValue(small);
        return small;
    }

    private static String problemOf(Map<String, byte[]> zip) throws IOException {
        return verifyZip(zip).problem().orElse("verified");
    }

    private static OfflineVerifier.Outcome verifyZip(Map<String, byte[]> zip) throws IOException {
        Path file = Files.createTempFile(dir, "altered", ".zip");
        Files.write(file, zipBytes(zip, ZipEntry.DEFLATED));
        try {
            return OfflineVerifier.verifyBundle(file, key);
        } finally {
            Files.delete(file);
        }
    }

    private static List<byte[]> lines() {
        byte[] all = files.get(EvidenceBundle.ENTRIES);
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                out.add(Arrays.copyOfRange(all, start, i));
                start = i + 1;
            }
        }
        return out;
    }

    private static List<byte[]> without(List<byte[]> lines, int index) {
        List<byte[]> out = new ArrayList<>(lines);
        out.remove(index);
        return out;
    }

    private static byte[] zipBytes(Map<String, byte[]> entries, int method) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setMethod(method);
                if (method == ZipEntry.STORED) {
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    entry.setSize(e.getValue().length);
                    entry.setCompressedSize(e.getValue().length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] replaced(byte[] b, int at, byte value) {
        byte[] out = b.clone();
        out[at] = value;
        return out;
    }

    private static byte[] inserted(byte[] b, int at, byte value) {
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, at);
        out[at] = value;
        System.arraycopy(b, at, out, at + 1, b.length - at);
        return out;
    }

    private static byte[] removed(byte[] b, int at) {
        byte[] out = new byte[b.length - 1];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + 1, out, at, b.length - at - 1);
        return out;
    }

    private static byte[] replaceAll(byte[] b, byte[] from, byte[] to) {
        byte[] out = b.clone();
        for (int i = 0; i + from.length <= out.length; i++) {
            if (Arrays.equals(out, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, out, i, to.length);
            }
        }
        return out;
    }
}
