package dev.arbiter.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.decision.TestClock;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.store.DataDirectory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on an evidence bundle as a file (issue 18): what an auditor unpacks must be what the verifiers checked,
 * a crafted zip must not exhaust a verifier's memory, and the Java verifier and the independent Python verifier
 * ({@code docs/verifier/verify.py}) must agree on every case: a bundle one passes and the other fails is a finding.
 *
 * <p>Each case starts from a genuine bundle of a real SQLite workspace. Cases that need a re-signed manifest use the
 * workspace's own key: what a holder of a team key could write.
 */
class EvidenceBundleZipAttackTest {

    static Path dir;
    static Workspace ws;
    static NoteKey key;
    static Path genuine;
    static Map<String, byte[]> files;

    @TempDir
    Path tmp;

    @BeforeAll
    static void bundle() throws Exception {
        dir = Files.createTempDirectory("bundle-attack");
        ws = Workspace.open(new DataDirectory(dir.resolve("ws")), new TestClock(Instant.now()));
        DemoAgents.ensure(ws);
        for (int i = 0; i < 5; i++) {
            ws.decisions().decide(DecisionRequest.of(DemoAgents.SUPPORT, "read:order_history")
                    .withTarget(DemoAgents.TARGETS.get(DemoAgents.SUPPORT))).join();
        }
        key = ws.checkpoints().key().publicKey();
        genuine = dir.resolve("evidence.zip");
        new EvidenceBundle(ws.auditReader(), ws.checkpoints()).write(1, ws.ledger().head().seq(), genuine,
                (d, t) -> { });
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
    void theGenuineBundleVerifiesInBoth() throws Exception {
        assertThat(java(genuine)).isEmpty();
        assertThat(python(genuine)).isEmpty();
    }

    @Test
    void aForgedEntriesFileBeforeTheGenuineOneUnderTheSameNameIsRefused() throws Exception {
        // A file manager that keeps the first of two equal names shows the forged entries; the verifiers must not
        // vouch for a bundle whose files are ambiguous.
        Map<String, byte[]> zip = new LinkedHashMap<>();
        zip.put("entries-00000Q.jsonl", "{\"seq\":1,\"forged\":true}\n".getBytes(StandardCharsets.UTF_8));
        zip.putAll(files);
        Path bundle = write(zip, "entries-00000Q.jsonl", EvidenceBundle.entriesFile(0));
        assertRefusedByBoth(bundle, "twice");
    }

    @Test
    void aFileTheSignedManifestDoesNotListIsRefused() throws Exception {
        Map<String, byte[]> zip = new LinkedHashMap<>(files);
        zip.put("approvals.txt", "All refunds were approved by the CFO.\n".getBytes(StandardCharsets.UTF_8));
        assertRefusedByBoth(write(zip), "approvals.txt");
    }

    @Test
    void aZipBombInASmallFileIsRefusedBeforeItIsInflated() throws Exception {
        Map<String, byte[]> zip = new LinkedHashMap<>(files);
        zip.put(EvidenceBundle.RANGE_PROOF, new byte[4 << 20]);
        assertRefusedByBoth(write(zip), "larger than");
    }

    @Test
    void anEntriesFileOfOneEndlessLineIsRefusedWithoutHoldingTheLine() throws Exception {
        Map<String, byte[]> zip = new LinkedHashMap<>(files);
        byte[] line = new byte[17 << 20];
        Arrays.fill(line, (byte) 'a');
        zip.put(EvidenceBundle.entriesFile(0), line);
        assertRefusedByBoth(write(zip), "longer than");
    }

    @Test
    void aManifestListingAFileTwiceIsRefused() throws Exception {
        String text = manifestText();
        String checkpointLine = text.lines().filter(l -> l.endsWith(" " + EvidenceBundle.CHECKPOINT)).findFirst()
                .orElseThrow();
        // the same name with its genuine digest twice: nothing to choose between, but a manifest says each file once
        assertRefusedByBoth(withManifest(text + checkpointLine + "\n"), "twice");
        // a wrong digest first and the genuine one last: a verifier that keeps the last line passes it
        String wrong = "0".repeat(64) + " " + EvidenceBundle.CHECKPOINT + "\n";
        assertRefusedByBoth(withManifest(text.replace(checkpointLine + "\n", wrong + checkpointLine + "\n")),
                "twice");
    }

    @Test
    void aManifestWithABlankOrMalformedLineIsRefusedByBoth() throws Exception {
        String text = manifestText();
        String[] lines = text.split("\n");
        // a signed note's text holds no blank line, so a line of spaces stands for it
        String spaced = lines[0] + "\n" + lines[1] + "\n \n" + String.join("\n", Arrays.copyOfRange(lines, 2,
                lines.length)) + "\n";
        assertRefusedByBoth(withManifest(spaced), "manifest");
    }

    @Test
    void aSignatureLineThatIsNotStrictBase64IsRefusedByBoth() throws Exception {
        String note = new String(files.get(EvidenceBundle.MANIFEST), StandardCharsets.UTF_8);
        int at = note.lastIndexOf(' ') + 5;
        Map<String, byte[]> zip = new LinkedHashMap<>(files);
        zip.put(EvidenceBundle.MANIFEST, (note.substring(0, at) + "!" + note.substring(at))
                .getBytes(StandardCharsets.UTF_8));
        assertRefusedByBoth(write(zip), "");
    }

    // ---------------------------------------------------------------------------------------------------------

    private static String manifestText() {
        return SignedNote.parse(new String(files.get(EvidenceBundle.MANIFEST), StandardCharsets.UTF_8)).text();
    }

    private Path withManifest(String text) throws IOException {
        Map<String, byte[]> zip = new LinkedHashMap<>(files);
        zip.put(EvidenceBundle.MANIFEST, SignedNote.sign(text, ws.checkpoints().key()).format()
                .getBytes(StandardCharsets.UTF_8));
        return write(zip);
    }

    private void assertRefusedByBoth(Path bundle, String why) throws Exception {
        Optional<String> javaProblem = java(bundle);
        Optional<String> pythonProblem = python(bundle);
        assertThat(javaProblem).as("the Java verifier passed %s", bundle.getFileName())
                .hasValueSatisfying(p -> assertThat(p).containsIgnoringCase(why));
        assertThat(pythonProblem).as("the Python verifier passed %s (Java said: %s)", bundle.getFileName(),
                javaProblem).hasValueSatisfying(p -> assertThat(p).containsIgnoringCase(why));
    }

    /** Writes {@code entries} as a zip; then every {@code rename[2i]} in it becomes {@code rename[2i+1]}. */
    private Path write(Map<String, byte[]> entries, String... rename) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        byte[] out = bytes.toByteArray();
        for (int r = 0; r < rename.length; r += 2) {
            byte[] from = rename[r].getBytes(StandardCharsets.US_ASCII);
            byte[] to = rename[r + 1].getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i + from.length <= out.length; i++) {
                if (Arrays.equals(out, i, i + from.length, from, 0, from.length)) {
                    System.arraycopy(to, 0, out, i, to.length);
                }
            }
        }
        Path file = Files.createTempFile(tmp, "bundle", ".zip");
        try (OutputStream o = Files.newOutputStream(file)) {
            o.write(out);
        }
        return file;
    }

    private static Optional<String> java(Path bundle) {
        try {
            return OfflineVerifier.verifyBundle(bundle, key).problem();
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The Python verifier's problem, empty when it passed. */
    private static Optional<String> python(Path bundle) throws Exception {
        return PythonVerifier.refusal(bundle, key.verifierKey());
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
