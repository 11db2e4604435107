package dev.arbiter.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.store.DataDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on the zip form of an evidence bundle v4 (issue 18): what the zip says about its files (names in the
 * local header and in the central directory, CRC-32, compression method, flags, bytes outside its records, its entry
 * count) can lie where the files themselves are genuine. Whatever the lie, the Java verifier and the Python verifier
 * ({@code docs/verifier/verify.py}) give the same verdict, and both refuse a zip in which an auditor's unzip tool
 * could see other files or other bytes than those verified.
 */
class EvidenceBundleZipFormAttackTest {

    static Path dir;
    static Workspace ws;
    static NoteKey key;
    static Map<String, byte[]> files;
    static final String ENTRIES = EvidenceBundle.entriesFile(0);

    @TempDir
    Path tmp;

    @BeforeAll
    static void bundle() throws Exception {
        dir = Files.createTempDirectory("bundle-zip-form");
        ws = Workspace.open(new DataDirectory(dir.resolve("ws")));
        for (int i = 0; i < 12; i++) {
            ws.ledger().append(AuditEntry.of("decision").traceId("t-" + i).agentId("agent-" + (i % 3))
                    .action("create:ticket").inputSummary("ticket " + i).decision(i % 4 == 0 ? "deny" : "allow")
                    .reasonCode("R" + i).build());
        }
        ws.checkpoints().checkpoint();
        key = ws.checkpoints().key().publicKey();
        Path genuine = dir.resolve("evidence.zip");
        new EvidenceBundle(ws.auditReader(), ws.checkpoints()).write(2, 11, genuine, (d, t) -> { });
        files = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(genuine.toFile())) {
            for (var e : java.util.Collections.list(z.entries())) {
                files.put(e.getName(), z.getInputStream(e).readAllBytes());
            }
        }
    }

    @AfterAll
    static void close() {
        ws.close();
    }

    @Test
    void theGenuineFilesWrittenFieldByFieldVerifyInBoth() throws Exception {
        Path bundle = zip(m -> { }, z -> { });
        assertThat(java(bundle)).isEmpty();
        assertThat(python(bundle)).isEmpty();
    }

    @Test
    void theGenuineFilesUnderAZip64EndRecordVerifyInBoth() throws Exception {
        Path bundle = zip(m -> { }, z -> z.zip64 = true);
        assertThat(java(bundle)).isEmpty();
        assertThat(python(bundle)).isEmpty();
    }

    @Test
    void theGenuineFilesStoredRatherThanDeflatedVerifyInBoth() throws Exception {
        Path bundle = zip(m -> {
            m.method = 0;
            m.data = files.get(m.centralName);
        }, z -> { });
        assertThat(java(bundle)).isEmpty();
        assertThat(python(bundle)).isEmpty();
    }

    @Test
    void aWrongCrcOfAGenuineFileIsRefusedByBoth() throws Exception {
        for (String file : List.of(ENTRIES, EvidenceBundle.CHECKPOINT)) {
            assertRefusedByBoth(zip(only(file, m -> m.crc ^= 1), z -> { }), "CRC-32");
        }
    }

    @Test
    void aSizeThatCutsAFileShortWithTheCutFilesCrcIsRefusedByBoth() throws Exception {
        // A reader that stops at the recorded size and checks the CRC-32 of what it read sees the entries file
        // without its last line; a reader that inflates to the stream's end sees all of it.
        byte[] all = files.get(ENTRIES);
        byte[] cut = java.util.Arrays.copyOf(all, all.length - 20);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(cut);
        assertRefusedByBoth(zip(only(ENTRIES, m -> {
            m.size = cut.length;
            m.crc = crc.getValue();
        }), z -> { }), "CRC-32");
    }

    @Test
    void bytesHiddenAfterADeflateStreamInsideItsCompressedSizeAreRefusedByBoth() throws Exception {
        assertRefusedByBoth(zip(only(EvidenceBundle.CHECKPOINT, m -> {
            byte[] hidden = "All refunds were approved by the CFO.".getBytes(StandardCharsets.UTF_8);
            byte[] data = java.util.Arrays.copyOf(m.data, m.data.length + hidden.length);
            System.arraycopy(hidden, 0, data, m.data.length, hidden.length);
            m.data = data;
        }), z -> { }), "deflate stream");
    }

    @Test
    void aLocalHeaderNamingAnotherFileThanTheCentralDirectoryIsRefusedByBoth() throws Exception {
        for (String other : List.of("checkpoint.TXT", "approvals.txt", "./checkpoint.txt")) {
            assertRefusedByBoth(zip(only(EvidenceBundle.CHECKPOINT, m -> m.localName = other), z -> { }),
                    "local header");
        }
    }

    @Test
    void filesNoCentralDirectoryRecordCoversAreRefusedByBoth() throws Exception {
        byte[] forged = new RawZip().add(RawZip.Member.of("approvals.txt",
                "All refunds were approved by the CFO.\n".getBytes(StandardCharsets.UTF_8))).bytes();
        // a whole zip before the bundle (a tool reading front to back shows it), and bytes after its end record
        assertRefusedByBoth(zip(m -> { }, z -> z.prefix = forged), "bound by nothing signed");
        assertRefusedByBoth(zip(m -> { }, z -> z.suffix = forged), "end record");
        assertRefusedByBoth(zip(m -> { }, z -> {
            z.zip64 = true;
            z.prefix = forged;
        }), "end record");
    }

    @Test
    void anEndRecordThatMiscountsTheFilesIsRefusedByBoth() throws Exception {
        assertRefusedByBoth(zip(m -> { }, z -> z.count = z.members.size() - 1), "counts");
        assertRefusedByBoth(zip(m -> { }, z -> z.count = z.members.size() + 1), "counts");
        assertRefusedByBoth(zip(m -> { }, z -> {
            z.zip64 = true;
            z.count = z.members.size() + 1;
        }), "counts");
    }

    @Test
    void aDataDescriptorAnnouncedButNotThereOrLyingIsRefusedByBoth() throws Exception {
        assertRefusedByBoth(zip(only(ENTRIES, m -> m.flags |= 8), z -> { }), "data descriptor");
    }

    @Test
    void aMethodOrFlagNoBundleWriterUsesIsRefusedByBoth() throws Exception {
        byte[] bz = bzip2(files.get(EvidenceBundle.CHECKPOINT));
        assertRefusedByBoth(zip(only(EvidenceBundle.CHECKPOINT, m -> {
            m.method = 12;
            m.data = bz;
        }), z -> { }), "method 12");
        assertRefusedByBoth(zip(only(EvidenceBundle.CHECKPOINT, m -> m.flags |= 1), z -> { }), "encrypted");
    }

    @Test
    void aNameThatZipToolsReadDifferentlyIsRefusedByBoth() throws Exception {
        // Python's zipfile cuts a name at NUL, so checkpoint.txt\0x read as checkpoint.txt there
        for (String name : List.of(EvidenceBundle.CHECKPOINT + "\0x", "checkpoint.t\u00e9xt")) {
            assertRefusedByBoth(zip(only(EvidenceBundle.CHECKPOINT, m -> {
                m.centralName = name;
                m.localName = name;
            }), z -> { }), "printable ASCII");
        }
    }

    @Test
    void entriesFilesUnderNamesAToolMightTakeForThemAreRefusedByBoth() throws Exception {
        for (String name : List.of(ENTRIES + "/", "./" + ENTRIES, "entries-000000.JSONL", "entries-1.jsonl",
                "entries-0000000.jsonl", "x\\" + ENTRIES, EvidenceBundle.ENTRIES)) {
            assertRefusedByBoth(zip(m -> { }, z -> z.add(RawZip.Member.of(name, files.get(ENTRIES)))), name);
        }
        // the v4 bundle's one entries file under v3's name (a v4 manifest over v3 content)
        assertRefusedByBoth(zip(only(ENTRIES, m -> {
            m.centralName = EvidenceBundle.ENTRIES;
            m.localName = EvidenceBundle.ENTRIES;
        }), z -> { }), EvidenceBundle.ENTRIES);
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Alters only the member named {@code name}. */
    private static Consumer<RawZip.Member> only(String name, Consumer<RawZip.Member> alter) {
        return m -> {
            if (m.centralName.equals(name)) {
                alter.accept(m);
            }
        };
    }

    private void assertRefusedByBoth(Path bundle, String why) throws Exception {
        Optional<String> javaProblem = java(bundle);
        Optional<String> pythonProblem = python(bundle);
        assertThat(javaProblem).as("the Java verifier passed it").hasValueSatisfying(p -> assertThat(p)
                .containsIgnoringCase(why));
        assertThat(pythonProblem).as("the Python verifier passed it (Java said: %s)", javaProblem)
                .hasValueSatisfying(p -> assertThat(p).containsIgnoringCase(why));
    }

    private Path zip(Consumer<RawZip.Member> alter, Consumer<RawZip> whole) throws IOException {
        RawZip zip = new RawZip();
        for (var f : files.entrySet()) {
            RawZip.Member m = RawZip.Member.of(f.getKey(), f.getValue());
            alter.accept(m);
            zip.add(m);
        }
        whole.accept(zip);
        Path file = Files.createTempFile(tmp, "bundle", ".zip");
        Files.write(file, zip.bytes());
        return file;
    }

    private static byte[] bzip2(byte[] content) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bzip2", "-c").start();
        try (var in = p.getOutputStream()) {
            in.write(content);
        }
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor();
        return out;
    }

    private static Optional<String> java(Path bundle) {
        try {
            return OfflineVerifier.verifyBundle(bundle, key).problem();
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static Optional<String> python(Path bundle) throws Exception {
        return PythonVerifier.refusal(bundle, key.verifierKey());
    }
}
