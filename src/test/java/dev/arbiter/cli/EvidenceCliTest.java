package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed checkpoints and evidence bundles end to end through the CLI, on a real SQLite workspace, with a tamper
 * test for each attack (issue 18), and the independent Python verifier run against a bundle the Java code wrote.
 */
class EvidenceCliTest {

    @TempDir
    Path dir;
    Path data;

    @BeforeEach
    void demoWithACheckpoint() {
        data = dir.resolve("ws");
        assertThat(CliRun.in(data, "demo").exitCode()).isZero();
        CliRun cp = CliRun.in(data, "audit", "checkpoint");
        assertThat(cp.exitCode()).as(cp.err()).isZero();
        assertThat(cp.out()).contains("Signed a checkpoint of").contains("\u2014 arbiter-ledger/");
    }

    @Test
    void anIntactLedgerVerifiesAgainstItsSignedCheckpoint() {
        CliRun ok = CliRun.in(data, "audit", "verify");
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("Chain intact").contains("1 signed checkpoint verified");
        assertThat(CliRun.in(data, "audit", "checkpoint").out()).contains("already covers every entry");
        assertThat(CliRun.in(data, "audit", "key", "show").out()).matches("(?s)arbiter-ledger/[0-9a-f-]+\\+[0-9a-f]{8}\\+A.*");
    }

    @Test
    void aConsistentRewriteOfDatabaseAndHeadAnchorIsCaughtByTheCheckpoint() throws Exception {
        rewriteConsistently(5);
        // The hash chain alone no longer sees anything: the rewrite is consistent.
        CliRun result = CliRun.in(data, "audit", "verify");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("rewritten").contains("signed checkpoint");
    }

    @Test
    void aForgedCheckpointOrOneUnderAnotherKeyIsRefused() throws Exception {
        try (Connection c = db()) {
            c.createStatement().execute("DROP TRIGGER signed_checkpoint_no_update");
            c.createStatement().execute("UPDATE signed_checkpoint SET note = replace(note, char(10) || char(10) || "
                    + "'\u2014 ', char(10) || char(10) || '\u2014 x')");
        }
        CliRun forged = CliRun.in(data, "audit", "verify");
        assertThat(forged.exitCode()).isEqualTo(1);
        assertThat(forged.err()).contains("no valid signature");

        CliRun wrongKey = CliRun.in(data, "audit", "verify", "--public-key",
                dev.arbiter.core.evidence.SigningKey.generate("someone").publicKey().verifierKey());
        assertThat(wrongKey.exitCode()).isEqualTo(1);
    }

    @Test
    void deletedCheckpointsAreNoticed() throws Exception {
        try (Connection c = db()) {
            c.createStatement().execute("DROP TRIGGER signed_checkpoint_no_delete");
            c.createStatement().execute("DELETE FROM signed_checkpoint");
        }
        CliRun result = CliRun.in(data, "audit", "verify");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("no signed checkpoint");
    }

    @Test
    void aBundleVerifiesOfflineAndEveryAlterationIsCaught() throws Exception {
        Path bundle = dir.resolve("out/evidence.zip");
        CliRun made = CliRun.in(data, "audit", "bundle", "--out", bundle.toString());
        assertThat(made.exitCode()).as(made.err()).isZero();
        String key = CliRun.in(data, "audit", "key", "show").out().lines().findFirst().orElseThrow();

        CliRun ok = CliRun.of("audit", "verify", "--public-key", key, bundle.toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("Verified");

        CliRun other = CliRun.of("audit", "verify", "--public-key",
                dev.arbiter.core.evidence.SigningKey.generate("x").publicKey().verifierKey(), bundle.toString());
        assertThat(other.exitCode()).isEqualTo(1);

        Path altered = dir.resolve("altered.zip");
        Files.copy(bundle, altered);
        editEntries(altered, text -> text.replaceFirst("demo", "dem0"));
        CliRun caught = CliRun.of("audit", "verify", "--public-key", key, altered.toString());
        assertThat(caught.exitCode()).isEqualTo(1);
        assertThat(caught.err()).contains("altered");
    }

    @Test
    void theIndependentPythonVerifierAcceptsTheBundleAndRejectsAnAlteredOne() throws Exception {
        assumeTrue(python("import cryptography") == 0,
                "python3 with the cryptography package is missing: apt-get install python3-cryptography");
        Path bundle = dir.resolve("evidence.zip");
        assertThat(CliRun.in(data, "audit", "bundle", "--out", bundle.toString()).exitCode()).isZero();
        Path keyFile = dir.resolve("key.txt");
        assertThat(CliRun.in(data, "audit", "key", "export", "--out", keyFile.toString()).exitCode()).isZero();
        Path script = Path.of("docs/verifier/verify.py").toAbsolutePath();

        assertThat(python(script.toString(), "--public-key", keyFile.toString(), bundle.toString())).isZero();

        // An entry rewritten with a fresh hash and a re-made manifest digest still fails: the manifest is signed.
        Path altered = dir.resolve("altered.zip");
        Files.copy(bundle, altered);
        editEntries(altered, text -> text.replaceFirst("demo", "dem0"));
        assertThat(python(script.toString(), "--public-key", keyFile.toString(), altered.toString())).isEqualTo(1);
    }

    private static int python(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3"));
        if (args.length == 1 && args[0].startsWith("import")) {
            command.add("-c");
        }
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException noPython) {
            return -1;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        System.out.println(out);
        return p.exitValue();
    }

    private void editEntries(Path zip, java.util.function.UnaryOperator<String> edit) throws IOException {
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()), Map.of())) {
            Path entries = fs.getPath(dev.arbiter.core.evidence.EvidenceBundle.entriesFile(0));
            Files.writeString(entries, edit.apply(Files.readString(entries)));
        }
    }

    private Connection db() throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + data.resolve("arbiter.db"));
    }

    /**
     * Edits entry {@code seq} and re-hashes it and every later entry (bodies name the previous hash), then points
     * the head anchor at the new head: the chain verifies; only the signed checkpoint can tell.
     */
    private void rewriteConsistently(long seq) throws Exception {
        HexFormat hex = HexFormat.of();
        try (Connection c = db()) {
            c.createStatement().execute("DROP TRIGGER audit_entry_no_update");
            List<long[]> seqs = new ArrayList<>();
            List<String> bodies = new ArrayList<>();
            List<String> hashes = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT seq, body, hash FROM audit_entry WHERE seq >= "
                    + seq + " ORDER BY seq")) {
                while (rs.next()) {
                    seqs.add(new long[] {rs.getLong(1)});
                    bodies.add(rs.getString(2));
                    hashes.add(rs.getString(3));
                }
            }
            String prevOld = null;
            String prevNew = null;
            String head = null;
            long headSeq = 0;
            try (PreparedStatement ps = c.prepareStatement("UPDATE audit_entry SET body = ?, hash = ? WHERE seq = ?")) {
                for (int i = 0; i < seqs.size(); i++) {
                    String body = bodies.get(i);
                    if (i == 0) {
                        body = body.replaceFirst("\"event\":\"", "\"event\":\"x");
                    } else {
                        body = body.replace(prevOld, prevNew);
                    }
                    String hash = hex.formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(body.getBytes(StandardCharsets.UTF_8)));
                    ps.setString(1, body);
                    ps.setString(2, hash);
                    ps.setLong(3, seqs.get(i)[0]);
                    ps.executeUpdate();
                    prevOld = hashes.get(i);
                    prevNew = hash;
                    head = hash;
                    headSeq = seqs.get(i)[0];
                }
            }
            Files.writeString(data.resolve("ledger.head"), String.format("%020d %s\n", headSeq, head));
        }
        CliRun chainOnly = CliRun.in(data, "audit", "verify", "--public-key",
                CliRun.in(data, "audit", "key", "show").out().lines().findFirst().orElseThrow());
        assertThat(chainOnly.err()).doesNotContain("Entry #" + seq + " ").doesNotContain("altered");
    }
}
