package dev.arbiter.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.testing.StoreKind;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The policy versions in force as files of an evidence bundle (issue 18), on a real SQLite file and a real
 * PostgreSQL server: which versions are included, and a swapped policy file caught by the Java and the independent
 * Python verifier even when the manifest is signed again.
 */
class PoliciesInForceTest {

    private static final String NAME = "refunds-agent";
    private static final String V1_FILE = "policies/" + NAME + "-v1.yaml";

    @TempDir
    Path dir;

    /** What {@link #history} left: the bundle's range and the texts saved. */
    record History(long from, long to, String v1, String v2, String v3) {
    }

    /**
     * v1 saved and activated before the range; inside it a decision of an agent pinned to v3 (never activated),
     * then v2 activated, then a decision under v2. v4 is saved and activated after the range.
     */
    private static History history(Workspace ws) throws IOException {
        String v1 = Files.readString(Path.of("resources/policies/refunds-agent.yaml"));
        String v2 = v1 + "\n# v2: a comment changes the text, so the digest\n";
        String v3 = v1 + "\n# v3: pinned by one agent\n";
        ws.policies().save(v1, "alice", null, true);
        ws.policies().save(v2, "alice", null, false);
        ws.policies().save(v3, "alice", null, false);
        decision(ws, 1);
        long from = decision(ws, 1);
        decision(ws, 3);
        ws.policies().activate(NAME, 2, "bob");
        long to = decision(ws, 2);
        ws.policies().save(v1 + "\n# v4\n", "alice", null, true);
        return new History(from, to, v1, v2, v3);
    }

    private static long decision(Workspace ws, int version) {
        return ws.ledger().append(AuditEntry.of("decision").agentId("refunds-bot").action("issue:refund")
                .decision("allow").detail(AuditDetail.of("reason", "policy", "policy", NAME, "policy_version", version))
                .build()).seq();
    }

    private Path bundle(Workspace ws, History h) throws IOException {
        return bundle(ws, h, 3);
    }

    private Path bundle(Workspace ws, History h, int versions) throws IOException {
        ws.checkpoints().checkpoint();
        Path out = dir.resolve("evidence.zip");
        EvidenceBundle.Written written = new EvidenceBundle(ws.auditReader(), ws.checkpoints()).write(h.from(), h.to(),
                out, (d, t) -> { });
        assertThat(written.policyVersions()).isEqualTo(versions);
        return out;
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void theVersionsInForceOverTheRangeAreInTheBundleAsTheirExactTextAndVerify(StoreKind kind) throws Exception {
        try (Workspace ws = kind.fresh(dir).open(1)) {
            History h = history(ws);
            Path zip = bundle(ws, h);
            NoteKey key = ws.checkpoints().key().publicKey();

            OfflineVerifier.Outcome ok = OfflineVerifier.verifyBundle(zip, key);
            assertThat(ok.intact()).as(ok.summary()).isTrue();
            assertThat(ok.summary()).contains("3 policy versions in force");
            try (FileSystem fs = zipFs(zip)) {
                assertThat(Files.readString(fs.getPath(V1_FILE))).isEqualTo(h.v1());
                assertThat(Files.readString(fs.getPath("policies/" + NAME + "-v2.yaml"))).isEqualTo(h.v2());
                assertThat(Files.readString(fs.getPath("policies/" + NAME + "-v3.yaml"))).isEqualTo(h.v3());
                assertThat(Files.exists(fs.getPath("policies/" + NAME + "-v4.yaml"))).isFalse();
                JsonNode index = new ObjectMapper().readTree(Files.readAllBytes(fs.getPath(PoliciesInForce.INDEX)));
                JsonNode v1 = index.path("versions").get(0);
                assertThat(v1.path("version").asInt()).isEqualTo(1);
                // v1's activation lies before the range: it is carried with its inclusion proof.
                assertThat(v1.path("activation_seqs").get(0).asLong()).isLessThan(h.from());
                assertThat(index.path("versions").get(1).path("activation_seqs")).hasSize(1);
                assertThat(index.path("versions").get(2).path("activation_seqs")).isEmpty();
                String manifest = Files.readString(fs.getPath(EvidenceBundle.MANIFEST));
                assertThat(manifest).contains(" " + V1_FILE + "\n").contains(" " + PoliciesInForce.INDEX + "\n");
            }
        }
    }

    @Test
    void aPolicyFileSwappedInTheBundleIsCaughtNamingTheFileEvenWithTheManifestSignedAgain() throws Exception {
        try (Workspace ws = StoreKind.SQLITE.fresh(dir).open(1)) {
            History h = history(ws);
            Path zip = bundle(ws, h);
            NoteKey key = ws.checkpoints().key().publicKey();
            String swapped = h.v1().replace("refund", "REFUND");

            Path unsigned = copy(zip, "swapped.zip");
            replace(unsigned, V1_FILE, swapped, null);
            OfflineVerifier.Outcome caught = OfflineVerifier.verifyBundle(unsigned, key);
            assertThat(caught.problem()).get().asString().contains(V1_FILE).contains("signed manifest");

            // Whoever holds the signing key re-signs a manifest with the swapped file's digest: the ledger still tells.
            Path resigned = copy(zip, "resigned.zip");
            replace(resigned, V1_FILE, swapped, ws.checkpoints().key());
            OfflineVerifier.Outcome insider = OfflineVerifier.verifyBundle(resigned, key);
            assertThat(insider.problem()).get().asString().contains(V1_FILE).contains("ledger entry #")
                    .contains("not the text that was in force");

            assumeTrue(python("-c", "import cryptography") == 0,
                    "python3 with the cryptography package is missing: apt-get install python3-cryptography");
            String script = Path.of("docs/verifier/verify.py").toAbsolutePath().toString();
            List<String> out = new ArrayList<>();
            assertThat(python(out, script, "--public-key", key.verifierKey(), zip.toString())).as(out.toString())
                    .isZero();
            assertThat(out.get(0)).contains("3 policy versions in force");
            out.clear();
            assertThat(python(out, script, "--public-key", key.verifierKey(), unsigned.toString())).isEqualTo(1);
            assertThat(out.get(0)).contains(V1_FILE);
            out.clear();
            assertThat(python(out, script, "--public-key", key.verifierKey(), resigned.toString())).isEqualTo(1);
            assertThat(out.get(0)).contains(V1_FILE).contains("not the text that was in force");
        }
    }

    /**
     * Whoever holds the key leaves one version in force out (v1 active at the start, v2 activated inside, v3 cited by
     * a pinned decision) and signs the manifest again: both verifiers name the version and the entry that shows it;
     * the same version listed in {@code not_included} with a reason verifies, and the verdict names it.
     */
    @Test
    void aBundleThatLeavesOutAVersionInForceFailsNamingTheVersion() throws Exception {
        try (Workspace ws = StoreKind.SQLITE.fresh(dir).open(1)) {
            History h = history(ws);
            Path zip = bundle(ws, h);
            NoteKey key = ws.checkpoints().key().publicKey();
            String script = Path.of("docs/verifier/verify.py").toAbsolutePath().toString();
            boolean python = python("-c", "import cryptography") == 0;
            for (int version = 1; version <= 3; version++) {
                Path left = copy(zip, "left-out-v" + version + ".zip");
                omit(left, version, false, ws.checkpoints().key());
                OfflineVerifier.Outcome caught = OfflineVerifier.verifyBundle(left, key);
                assertThat(caught.problem()).as("v" + version).get().asString()
                        .contains("leaves out policy " + NAME + " v" + version + ", which ledger entry #");
                if (python) {
                    List<String> out = new ArrayList<>();
                    assertThat(python(out, script, "--public-key", key.verifierKey(), left.toString())).isEqualTo(1);
                    assertThat(out.get(0)).contains("leaves out policy " + NAME + " v" + version);
                }
            }
            Path admitted = copy(zip, "admitted.zip");
            omit(admitted, 3, true, ws.checkpoints().key());
            OfflineVerifier.Outcome said = OfflineVerifier.verifyBundle(admitted, key);
            assertThat(said.intact()).as(said.summary()).isTrue();
            assertThat(said.summary()).contains("not included, as the signed index says: " + NAME + " v3 (pruned)");
            if (python) {
                List<String> out = new ArrayList<>();
                assertThat(python(out, script, "--public-key", key.verifierKey(), admitted.toString())).isZero();
                assertThat(out.get(0)).contains("not included, as the signed index says: " + NAME + " v3 (pruned)");
            }
        }
    }

    /**
     * A policy active at the range's start that no entry of the range mentions (files-agent v1: activated before
     * the range, no decision under it in the range) is carried by the writer, but its absence cannot be proven from
     * the range: whoever holds the key leaves it out and signs again, and both verifiers accept the bundle. Each
     * verdict says so, the complete bundle's and the one without it, so an auditor is not told more than is proven.
     */
    @Test
    void aPolicyActiveAtTheStartThatNoEntryMentionsIsCarriedAndItsAbsenceIsSaidToBeUnproven() throws Exception {
        try (Workspace ws = StoreKind.SQLITE.fresh(dir).open(1)) {
            ws.policies().save(Files.readString(Path.of("resources/policies/files-agent.yaml")), "alice", null, true);
            History h = history(ws);
            Path zip = bundle(ws, h, 4);
            NoteKey key = ws.checkpoints().key().publicKey();
            String unproven = "Not proven: that no other policy was active at the range's start.";
            OfflineVerifier.Outcome whole = OfflineVerifier.verifyBundle(zip, key);
            assertThat(whole.intact()).as(whole.summary()).isTrue();
            assertThat(whole.summary()).contains("4 policy versions in force").contains(unproven);

            Path left = copy(zip, "left-out-at-start.zip");
            omit(left, "files-agent", 1, false, ws.checkpoints().key());
            OfflineVerifier.Outcome without = OfflineVerifier.verifyBundle(left, key);
            assertThat(without.intact()).as(without.summary()).isTrue();
            assertThat(without.summary()).contains("3 policy versions in force").endsWith(unproven
                    + " A version active then that no entry of the range mentions (no decision in the range ran under "
                    + "it, no activation in it replaced it) is carried by the bundle's writer, but a bundle without "
                    + "it verifies too.");
            if (python("-c", "import cryptography") == 0) {
                String script = Path.of("docs/verifier/verify.py").toAbsolutePath().toString();
                for (Path bundle : List.of(zip, left)) {
                    List<String> out = new ArrayList<>();
                    assertThat(python(out, script, "--public-key", key.verifierKey(), bundle.toString())).as(
                            out.toString()).isZero();
                    assertThat(out.get(0)).contains(unproven);
                }
            }
        }
    }

    @Test
    void aPolicyTextAlteredInTheWorkspaceIsRefusedBeforeAnyBundleIsWritten() throws Exception {
        try (Workspace ws = StoreKind.SQLITE.fresh(dir).open(1)) {
            History h = history(ws);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("arbiter.db"))) {
                c.createStatement().execute("DROP TRIGGER policy_version_no_update");
                c.createStatement().execute("UPDATE policy_version SET yaml = yaml || '# edited' WHERE version = 1");
            }
            ws.checkpoints().checkpoint();
            Path out = dir.resolve("never.zip");
            assertThatThrownBy(() -> new EvidenceBundle(ws.auditReader(), ws.checkpoints()).write(h.from(), h.to(), out,
                    (d, t) -> { })).isInstanceOf(IllegalStateException.class).hasMessageContaining(NAME + " v1")
                    .hasMessageContaining("policy table was altered");
            assertThat(out).doesNotExist();
        }
    }

    private Path copy(Path zip, String name) throws IOException {
        return Files.copy(zip, dir.resolve(name));
    }

    private static FileSystem zipFs(Path zip) throws IOException {
        return FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()), Map.of());
    }

    /** Replaces a file of the bundle; with {@code key}, also its manifest line, and signs the manifest again. */
    private static void replace(Path zip, String file, String text, SigningKey key) throws IOException {
        try (FileSystem fs = zipFs(zip)) {
            Files.writeString(fs.getPath(file), text);
            if (key == null) {
                return;
            }
            Path manifestPath = fs.getPath(EvidenceBundle.MANIFEST);
            String manifest = SignedNote.parse(Files.readString(manifestPath)).text();
            String digest = HexFormat.of().formatHex(MerkleTree.sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
            String edited = manifest.replaceAll("(?m)^[0-9a-f]{64} " + java.util.regex.Pattern.quote(file) + "$",
                    digest + " " + file);
            assertThat(edited).isNotEqualTo(manifest);
            Files.writeString(manifestPath, SignedNote.sign(edited, key).format());
        }
    }

    /**
     * Takes version {@code version} out of the bundle (its file, its index entry and its manifest line); with
     * {@code admit}, lists it in {@code not_included}; signs the manifest again with {@code key}.
     */
    private static void omit(Path zip, int version, boolean admit, SigningKey key) throws IOException {
        omit(zip, NAME, version, admit, key);
    }

    private static void omit(Path zip, String name, int version, boolean admit, SigningKey key) throws IOException {
        String file = "policies/" + name + "-v" + version + ".yaml";
        try (FileSystem fs = zipFs(zip)) {
            ObjectMapper json = new ObjectMapper();
            var index = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(
                    Files.readAllBytes(fs.getPath(PoliciesInForce.INDEX)));
            var versions = (com.fasterxml.jackson.databind.node.ArrayNode) index.path("versions");
            for (int i = 0; i < versions.size(); i++) {
                if (versions.get(i).path("version").asInt() == version && versions.get(i).path("name").asText()
                        .equals(name)) {
                    versions.remove(i);
                }
            }
            if (admit) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) index.path("not_included")).addObject()
                        .put("name", name).put("version", version).put("reason", "pruned");
            }
            byte[] indexBytes = json.writeValueAsBytes(index);
            Files.write(fs.getPath(PoliciesInForce.INDEX), indexBytes);
            Files.delete(fs.getPath(file));
            Path manifestPath = fs.getPath(EvidenceBundle.MANIFEST);
            String manifest = SignedNote.parse(Files.readString(manifestPath)).text();
            String edited = manifest.replaceAll("(?m)^[0-9a-f]{64} " + java.util.regex.Pattern.quote(file) + "\n", "")
                    .replaceAll("(?m)^[0-9a-f]{64} " + java.util.regex.Pattern.quote(PoliciesInForce.INDEX) + "$",
                            HexFormat.of().formatHex(MerkleTree.sha256().digest(indexBytes)) + " "
                                    + PoliciesInForce.INDEX);
            assertThat(edited).doesNotContain(file);
            Files.writeString(manifestPath, SignedNote.sign(edited, key).format());
        }
    }

    private static int python(String... args) throws Exception {
        return python(new ArrayList<>(), args);
    }

    private static int python(List<String> output, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException noPython) {
            return -1;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        output.addAll(out.lines().toList());
        if (output.isEmpty()) {
            output.add("");
        }
        return p.exitValue();
    }
}
