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
    /** The bundle's one entries file: its 35 entries fit in one. */
    static final String ONE = EvidenceBundle.entriesFile(0);
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
                .contains(" checkpoint.txt\n").doesNotContain("entries");
        assertThat(files).containsKey(ONE).doesNotContainKey(EvidenceBundle.ENTRIES);
        assertThat(verify(files.get(ONE), 64).problem()).isEmpty();
    }

    /** Any one byte replaced, inserted or removed anywhere in the entries file fails the verify. */
    @Property(tries = 200)
    void anySingleByteChangeInTheEntriesFileIsCaught(@ForAll @IntRange(min = 0, max = 1_000_000) int where,
                                                      @ForAll @IntRange(min = 0, max = 2) int how,
                                                      @ForAll byte value,
                                                      @ForAll @IntRange(min = 16, max = 4096) int block)
            throws IOException {
        byte[] original = files.get(ONE);
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
        byte[] original = files.get(ONE);
        int at = where % original.length;
        Map<String, byte[]> altered = new LinkedHashMap<>(files);
        altered.put(ONE, replaced(original, at, original[at] == value ? (byte) (value + 1)
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

        byte[] whole = files.get(ONE);
        for (int block : new int[] {16, 333, LineBlocks.BLOCK}) {
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
                .replace("v4\n", "v4 \n").getBytes(StandardCharsets.UTF_8));
        assertThat(problemOf(manifest)).contains("The manifest is not signed by");

        String text = SignedNote.parse(new String(files.get(EvidenceBundle.MANIFEST), StandardCharsets.UTF_8)).text();
        Map<String, byte[]> v2 = new LinkedHashMap<>(files);
        v2.put(EvidenceBundle.MANIFEST, SignedNote.sign(text.replace("/v4", "/v2"), signer).format()
                .getBytes(StandardCharsets.UTF_8));
        assertThat(problemOf(v2)).contains("not an evidence bundle this verifier reads");
        Map<String, byte[]> listed = new LinkedHashMap<>(files);
        listed.put(EvidenceBundle.MANIFEST, SignedNote.sign(text + "00 " + ONE + "\n", signer)
                .format().getBytes(StandardCharsets.UTF_8));
        // the appended line comes after every line the manifest already has (its header included)
        long appendedLine = text.lines().count() + 1;
        assertThat(problemOf(listed)).contains("Line " + appendedLine + " of the manifest is not");

        // Two entries named entries.jsonl: a tool may show either, so the bundle is refused whichever one is intact.
        Map<String, byte[]> twice = new LinkedHashMap<>(files);
        twice.put("entries-00000X.jsonl", "{}\n".getBytes(StandardCharsets.UTF_8));
        byte[] zip = zipBytes(twice, ZipEntry.STORED);
        byte[] renamed = replaceAll(zip, "entries-00000X.jsonl".getBytes(StandardCharsets.US_ASCII),
                ONE.getBytes(StandardCharsets.US_ASCII));
        Path file = dir.resolve("twice.zip");
        Files.write(file, renamed);
        assertThat(OfflineVerifier.verifyBundle(file, key).problem())
                .hasValueSatisfying(p -> assertThat(p).contains("holds " + ONE + " twice"));

        Map<String, byte[]> missing = new LinkedHashMap<>(files);
        missing.remove(ONE);
        assertThat(problemOf(missing)).contains("lacks " + ONE + ", which holds entries #3 to #37: entries were "
                + "removed");
        Map<String, byte[]> more = new LinkedHashMap<>(files);
        more.put(EvidenceBundle.entriesFile(1), files.get(ONE));
        assertThat(problemOf(more)).contains("holds entries-000001.jsonl, but entries #3 to #37 fill only 1 entries "
                + "file").contains("entries were added");
        Map<String, byte[]> oldName = new LinkedHashMap<>(files);
        oldName.put(EvidenceBundle.ENTRIES, oldName.remove(ONE));
        assertThat(problemOf(oldName)).contains("holds entries.jsonl, which its signed manifest does not list");
    }

    /**
     * A bundle of format v3 (all entries in one {@value EvidenceBundle#ENTRIES}, as written before v4) still
     * verifies, and is held to v3's rules: it may not carry v4's entries files.
     */
    @Example
    void aBundleOfFormatV3StillVerifies() throws IOException {
        String text = SignedNote.parse(new String(files.get(EvidenceBundle.MANIFEST), StandardCharsets.UTF_8)).text();
        Map<String, byte[]> v3 = new LinkedHashMap<>(files);
        v3.put(EvidenceBundle.ENTRIES, v3.remove(ONE));
        v3.put(EvidenceBundle.MANIFEST, SignedNote.sign(text.replace(EvidenceBundle.MANIFEST_HEADER,
                EvidenceBundle.MANIFEST_HEADER_V3), signer).format().getBytes(StandardCharsets.UTF_8));
        var outcome = verifyZip(v3);
        assertThat(outcome.problem()).isEmpty();
        assertThat(outcome.summary()).contains("Verified 35 entries (#3 to #37)");

        Map<String, byte[]> mixed = new LinkedHashMap<>(v3);
        mixed.put(ONE, files.get(ONE));
        assertThat(problemOf(mixed)).contains("holds " + ONE + ", which its signed manifest does not list");
        Map<String, byte[]> edited = new LinkedHashMap<>(v3);
        edited.put(EvidenceBundle.ENTRIES, replaced(files.get(ONE), 100, (byte) '#'));
        assertThat(verifyZip(edited).problem()).isPresent();
    }

    /**
     * The entries split into files of {@code per} lines (v4 with a small split, so the 35 entries span many files):
     * any one byte replaced, inserted or removed anywhere, at a file's edge too, fails the verify, for blocks from
     * 16 B to 4 KiB.
     */
    @Property(tries = 150)
    void anySingleByteChangeAcrossEntriesFilesIsCaught(@ForAll @IntRange(min = 0, max = 1_000_000) int where,
                                                        @ForAll @IntRange(min = 0, max = 2) int how,
                                                        @ForAll byte value,
                                                        @ForAll @IntRange(min = 1, max = 9) int per,
                                                        @ForAll @IntRange(min = 16, max = 4096) int block)
            throws IOException {
        List<byte[]> members = split(lines(), per);
        assertThat(verifyMembers(members, per, block).problem()).isEmpty();
        int total = members.stream().mapToInt(m -> m.length).sum();
        int at = where % (total + (how == 1 ? 1 : 0));
        int member = 0;
        while (member < members.size() - 1 && at >= members.get(member).length + (how == 1 ? 1 : 0)) {
            at -= members.get(member).length;
            member++;
        }
        byte[] original = members.get(member);
        at = Math.min(at, original.length - (how == 1 ? 0 : 1));
        List<byte[]> altered = new ArrayList<>(members);
        altered.set(member, switch (how) {
            case 0 -> replaced(original, at, original[at] == value ? (byte) (value + 1) : value);
            case 1 -> inserted(original, at, value);
            default -> removed(original, at);
        });
        assertThat(verifyMembers(altered, per, block).problem()).as("file %d byte %d, change %d", member, at, how)
                .isPresent();
    }

    /** How the lines are split over the files is bound too: each attack on the split fails for its own reason. */
    @Example
    void eachAttackOnTheSplitFailsForItsOwnReason() throws IOException {
        List<byte[]> lines = lines();
        List<byte[]> members = split(lines, 8);
        assertThat(verifyMembers(members, 8, 100).problem()).isEmpty();

        // the first line of the second file moved to the end of the first: the same lines in the same order
        List<byte[]> moved = new ArrayList<>(members);
        moved.set(0, join(lines.subList(0, 9)));
        moved.set(1, join(lines.subList(9, 16)));
        assertThat(problemOf(moved, 8)).contains("file-0 holds 9 entries, but every entries file but the last holds "
                + "exactly 8 (this one entries #3 to #10)");
        List<byte[]> emptied = new ArrayList<>(members);
        emptied.add(1, new byte[0]);
        assertThat(problemOf(emptied.subList(0, members.size()), 8)).contains("file-1 holds 0 entries");
        List<byte[]> dropped = new ArrayList<>(members);
        dropped.remove(2);
        assertThat(problemOf(dropped, 8)).contains("Line 1 of file-2 holds entry #27 where entry #19 belongs");
        List<byte[]> swapped = new ArrayList<>(members);
        swapped.set(1, members.get(2));
        swapped.set(2, members.get(1));
        assertThat(problemOf(swapped, 8)).contains("Line 1 of file-1 holds entry #19 where entry #11 belongs");
        List<byte[]> cut = new ArrayList<>(members);
        cut.set(1, Arrays.copyOf(members.get(1), members.get(1).length - 1));
        assertThat(problemOf(cut, 8)).contains("Line 8 of file-1 (entry #18) does not end with a line feed");
        List<byte[]> edited = new ArrayList<>(members);
        edited.set(1, new String(members.get(1), StandardCharsets.UTF_8).replaceFirst("ticket", "tickets")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(problemOf(edited, 8)).contains("(line 2 of file-1) does not name the hash of entry #11");
        List<byte[]> lastShort = new ArrayList<>(members);
        lastShort.set(members.size() - 1, join(lines.subList(32, 34)));
        assertThat(problemOf(lastShort, 8)).contains("ends before entry #37");
        List<byte[]> lastLong = new ArrayList<>(members);
        lastLong.set(members.size() - 1, join(List.of(lines.get(32), lines.get(33), lines.get(34), lines.get(0))));
        assertThat(problemOf(lastLong, 8)).contains("Line 4 of file-4 is past the last entry");
    }

    /**
     * No thread a verify starts outlives it, in either format, whether it verified or stopped at a problem while
     * blocks were still being read and hashed: the reader is joined and the hashers are awaited before it returns.
     */
    @Example
    void noThreadOfAVerifyOutlivesIt() throws IOException {
        List<byte[]> lines = lines();
        byte[] whole = files.get(ONE);
        ByteArrayOutputStream cut = new ByteArrayOutputStream();
        for (byte[] l : without(lines, 1)) {
            cut.write(l);
            cut.write('\n');
        }
        for (int round = 0; round < 20; round++) {
            assertThat(verify(whole, 64).problem()).isEmpty();
            assertThat(bundleThreads()).as("after a v3 verify").isEmpty();
            assertThat(verify(cut.toByteArray(), 16).problem()).isPresent();
            assertThat(bundleThreads()).as("after a v3 verify that stopped early").isEmpty();
            assertThat(verifyMembers(split(lines, 2), 2, 64).problem()).isEmpty();
            assertThat(bundleThreads()).as("after a v4 verify").isEmpty();
            assertThat(verifyMembers(split(without(lines, 1), 2), 2, 16).problem()).isPresent();
            assertThat(bundleThreads()).as("after a v4 verify that stopped early").isEmpty();
        }
    }

    private static List<String> bundleThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("arbiter-bundle-")).toList();
    }

    private static List<byte[]> split(List<byte[]> lines, int per) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += per) {
            out.add(join(lines.subList(i, Math.min(lines.size(), i + per))));
        }
        return out;
    }

    private static byte[] join(List<byte[]> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] l : lines) {
            out.write(l, 0, l.length);
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** The problem found in {@code members}, the same whatever the block size. */
    private static String problemOf(List<byte[]> members, int per) throws IOException {
        String small = verifyMembers(members, per, 100).problem().orElse("verified");
        assertThat(verifyMembers(members, per, LineBlocks.BLOCK).problem()).as("the same with one block")
                .hasValue(small);
        return small;
    }

    private static OfflineVerifier.Outcome verifyMembers(List<byte[]> members, int per, int block)
            throws IOException {
        String note = new String(files.get(EvidenceBundle.CHECKPOINT), StandardCharsets.UTF_8);
        SignedCheckpoint cp = SignedCheckpoint.parse(SignedNote.parse(note).text());
        RangeProof proof = RangeProof.parse(files.get(EvidenceBundle.RANGE_PROOF));
        EntriesResult r = EntryFiles.verify(new EntryFiles.Members() {
            @Override
            public int count() {
                return members.size();
            }

            @Override
            public int perFile() {
                return per;
            }

            @Override
            public String name(int index) {
                return "file-" + index;
            }

            @Override
            public java.io.InputStream open(int index) {
                return new ByteArrayInputStream(members.get(index));
            }
        }, proof, cp.root(), block, LineScan.NONE);
        return new OfflineVerifier.Outcome(r.problem(), r.problem().orElse("verified"));
    }

    private static OfflineVerifier.Outcome verify(byte[] entries, int block) throws IOException {
        String note = new String(files.get(EvidenceBundle.CHECKPOINT), StandardCharsets.UTF_8);
        SignedCheckpoint cp = SignedCheckpoint.parse(SignedNote.parse(note).text());
        RangeProof proof = RangeProof.parse(files.get(EvidenceBundle.RANGE_PROOF));
        EntriesResult r = EntryLines.verify(new ByteArrayInputStream(entries), proof, cp.root(), block);
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
        assertThat(verify(bytes, LineBlocks.BLOCK).problem()).as("the same with one block").hasValue(small);
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
        byte[] all = files.get(ONE);
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
