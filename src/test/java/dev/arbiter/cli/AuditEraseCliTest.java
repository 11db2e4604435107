package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.store.DataDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code arbiter audit erase} end to end: a gateway decision about a data subject (named by
 * {@code context.subject_id}), its erasure, and every verifier (the CLI, offline, the Python one) still passing.
 */
class AuditEraseCliTest {

    private static final String EMAIL = "carol.unique-55@example.com";

    @TempDir
    Path dir;
    Path data;

    @BeforeEach
    void aDecisionAboutCarol() throws Exception {
        data = dir.resolve("ws");
        try (Workspace ws = Workspace.open(new DataDirectory(data))) {
            ws.decisions().decide(new DecisionRequest("support-bot", null, "read:customer_record",
                    "Look up the order of " + EMAIL, "Carol (" + EMAIL + ") asked where her parcel is", 0.9,
                    List.of(), null, null, null, Set.of(), null, null,
                    "{\"subject_id\":\"cust-55\",\"email\":\"" + EMAIL + "\"}")).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void withoutYesAtNoTerminalNothingIsErased() throws Exception {
        CliRun refused = CliRun.in(data, "audit", "erase", "--subject", "cust-55", "--reason", "DSR-55");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("1 entries hold personal data").contains("--yes")
                .contains("nothing was erased");
        try (Workspace ws = Workspace.open(new DataDirectory(data))) {
            assertThat(ws.erasure().entriesOf("cust-55")).isEqualTo(1);
        }
    }

    @Test
    void erasureKeepsTheLedgerVerifiableByEveryVerifier() throws Exception {
        CliRun erased = CliRun.in(data, "audit", "erase", "--subject", "cust-55", "--reason", "DSR-55", "--yes");
        assertThat(erased.exitCode()).as(erased.err()).isZero();
        assertThat(erased.out()).contains("Erased 3 personal fields of 1 entries");

        assertThat(CliRun.in(data, "audit", "checkpoint").exitCode()).isZero();
        CliRun verified = CliRun.in(data, "audit", "verify");
        assertThat(verified.exitCode()).as(verified.err()).isZero();

        Path export = dir.resolve("all.jsonl");
        assertThat(CliRun.in(data, "audit", "export", "--out", export.toString()).exitCode()).isZero();
        assertThat(Files.readString(export)).doesNotContain(EMAIL).contains("[erased]").contains("audit.erasure");

        Path bundle = dir.resolve("evidence.zip");
        assertThat(CliRun.in(data, "audit", "bundle", "--out", bundle.toString()).exitCode()).isZero();
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            for (var e : java.util.Collections.list(zip.entries())) {
                assertThat(new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8))
                        .doesNotContain(EMAIL);
            }
        }
        Path keyFile = dir.resolve("key.txt");
        assertThat(CliRun.in(data, "audit", "key", "export", "--out", keyFile.toString()).exitCode()).isZero();
        CliRun offline = CliRun.of("audit", "verify", "--public-key", Files.readString(keyFile).strip(),
                bundle.toString());
        assertThat(offline.exitCode()).as(offline.err()).isZero();

        assumeTrue(python("-c", "import cryptography") == 0, "python3 with the cryptography package is missing");
        assertThat(python(Path.of("docs/verifier/verify.py").toAbsolutePath().toString(), "--public-key",
                keyFile.toString(), bundle.toString())).isZero();
    }

    private static int python(String... args) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(java.util.stream.Stream.concat(java.util.stream.Stream.of("python3"),
                    java.util.stream.Stream.of(args)).toList()).redirectErrorStream(true).start();
        } catch (java.io.IOException noPython) {
            return -1;
        }
        System.out.println(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }
}
