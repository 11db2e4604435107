package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Witness cosigning through the CLI (issue 18): a log workspace and a witness workspace (the CISO's desktop)
 * exchanging C2SP tlog-witness files, and the independent Python verifier checking a cosigned checkpoint and a
 * bundle. The attacks (rewrite, fork, roll-back) run at core level in {@code WitnessTest} and
 * {@code WitnessProperties}, which are cheaper than a process-like run per step.
 */
class WitnessCliTest {

    @TempDir
    Path dir;
    Path log;
    Path witness;
    String logKey;
    String witnessKey;
    String origin;

    @BeforeEach
    void logAndWitness() {
        log = dir.resolve("log");
        witness = dir.resolve("ciso");
        entries(log, 3);
        ok(CliRun.in(log, "audit", "checkpoint"));
        logKey = ok(CliRun.in(log, "audit", "key", "show")).out().lines().findFirst().orElseThrow();
        origin = logKey.substring(0, logKey.indexOf('+'));
        witnessKey = ok(CliRun.in(witness, "witness", "init", "--name", "ciso.example.com/witness")).out().lines()
                .findFirst().orElseThrow();
        ok(CliRun.in(witness, "witness", "add-log", "--origin", origin, "--public-key", logKey));
    }

    @Test
    void aRoundTripThroughFilesAndTheIndependentPythonVerifierChecksTheCosignature() throws Exception {
        long size = roundTrip(log);
        Path cosigned = dir.resolve("cosigned-" + size + ".txt");
        assertThat(ok(CliRun.in(witness, "witness", "logs")).out()).contains(origin)
                .contains("cosigned up to " + size + " entries");
        assertThat(ok(CliRun.in(log, "audit", "verify", "--witness-key", witnessKey)).out())
                .contains("ciso.example.com/witness cosigned entries #1 to #" + size);
        Path seen = dir.resolve("seen.txt");
        ok(CliRun.in(witness, "witness", "show", "--origin", origin, "--out", seen.toString()));
        assertThat(ok(CliRun.in(log, "audit", "verify", "--checkpoint", seen.toString(), "--witness-key",
                witnessKey)).out()).contains("Entries #1 to #" + size + " are the entries of the given checkpoint");

        // Files that are not what they claim are refused before anything is opened; no alarm for them.
        Path garbage = dir.resolve("garbage.txt");
        Files.writeString(garbage, "hello\n");
        CliRun notARequest = CliRun.in(witness, "witness", "cosign", "--request", garbage.toString());
        assertThat(notARequest.exitCode()).isEqualTo(2);
        assertThat(notARequest.err()).contains("Line 1 must read \"old <size>\"");
        CliRun wrongKind = CliRun.in(log, "audit", "witness-import", "--witness-key", logKey, cosigned.toString());
        assertThat(wrongKind.exitCode()).isEqualTo(2);
        assertThat(wrongKind.err()).contains("not a witness key");
        assertThat(ok(CliRun.in(witness, "witness", "alarms")).out()).contains("No alarms");

        assumeTrue(python("-c", "import cryptography") == 0,
                "python3 with the cryptography package is missing: apt-get install python3-cryptography");
        String script = Path.of("docs/verifier/verify.py").toAbsolutePath().toString();

        assertThat(python(script, "--public-key", logKey, "--witness-key", witnessKey, "--checkpoint",
                cosigned.toString())).isZero();
        String stranger = dev.arbiter.core.evidence.CosignerKey.of(
                dev.arbiter.core.evidence.SigningKey.generate("ciso.example.com/witness")).verifierKey();
        assertThat(python(script, "--public-key", logKey, "--witness-key", stranger, "--checkpoint",
                cosigned.toString())).isEqualTo(1);
        // The log's own checkpoint, never witnessed, fails the witness check.
        Path plain = dir.resolve("plain.txt");
        ok(CliRun.in(log, "audit", "checkpoint", "--out", plain.toString()));
        String uncosigned = Files.readString(plain).lines().filter(l -> !l.startsWith("\u2014 ciso"))
                .reduce("", (a, b) -> a + b + "\n");
        Files.writeString(plain, uncosigned.substring(uncosigned.indexOf(origin)));
        assertThat(python(script, "--public-key", logKey, "--witness-key", witnessKey, "--checkpoint",
                plain.toString())).isEqualTo(1);

        // A receipt and a bundle carry the cosignature once it is imported.
        Path bundle = dir.resolve("evidence.zip");
        ok(CliRun.in(log, "audit", "bundle", "--out", bundle.toString()));
        assertThat(python(script, "--public-key", logKey, "--witness-key", witnessKey, bundle.toString())).isZero();
        CliRun java = CliRun.of("audit", "verify", "--public-key", logKey, "--witness-key", witnessKey,
                bundle.toString());
        assertThat(java.exitCode()).as(java.err()).isZero();
        assertThat(java.out()).contains("The checkpoint was witnessed: cosigned by ciso.example.com/witness");
        CliRun unchecked = CliRun.of("audit", "verify", "--public-key", logKey, bundle.toString());
        assertThat(unchecked.out()).contains("carries cosignatures by ciso.example.com/witness (not checked");
    }

    /**
     * The witness over HTTP through the CLI: the witness issues the log's token to a file, its gateway runs on port
     * 0, and {@code audit checkpoint --witness-url} on the log has the checkpoint cosigned and keeps the
     * cosignature, which {@code audit verify --witness-key} then checks; a wrong token is refused with the
     * witness's status and message, and nothing is kept.
     */
    @Test
    void theLogHasItsCheckpointCosignedByAWitnessOverHttp() throws Exception {
        Path token = dir.resolve("witness.token");
        assertThat(ok(CliRun.in(witness, "witness", "token", "--origin", origin, "--out", token.toString())).out())
                .contains("Wrote the witness token for " + origin);
        Path wrong = dir.resolve("wrong.token");
        Files.writeString(wrong, "arbw_" + "A".repeat(43) + "\n");
        try (var ciso = dev.arbiter.core.Workspace.open(new dev.arbiter.core.store.DataDirectory(witness))) {
            var server = new dev.arbiter.gateway.GatewayServer(ciso,
                    new dev.arbiter.gateway.GatewayConfig("127.0.0.1", 0));
            server.start();
            try {
                String url = "http://127.0.0.1:" + server.port();
                CliRun refused = CliRun.in(log, "audit", "checkpoint", "--witness-url", url, "--witness-key",
                        witnessKey, "--witness-token-file", wrong.toString());
                assertThat(refused.exitCode()).isNotZero();
                assertThat(refused.err()).contains("refused the checkpoint (HTTP 401)")
                        .contains("witness token is not valid");
                assertThat(ok(CliRun.in(log, "audit", "checkpoint", "--witness-url", url, "--witness-key",
                        witnessKey, "--witness-token-file", token.toString())).out())
                        .contains("The witness ciso.example.com/witness at " + url + "/v1/witness/add-checkpoint "
                                + "cosigned the checkpoint of ");
            } finally {
                server.stop();
            }
        }
        assertThat(ok(CliRun.in(log, "audit", "verify", "--witness-key", witnessKey)).out())
                .contains("ciso.example.com/witness cosigned entries #1 to #");
        assertThat(ok(CliRun.in(witness, "witness", "alarms")).out()).contains("No alarms");
    }

    /** One round: the log exports a request, the witness cosigns it, the log imports it; the size cosigned. */
    private long roundTrip(Path logDir) throws IOException {
        Path request = dir.resolve("request.txt");
        ok(CliRun.in(logDir, "audit", "checkpoint", "--export", request.toString(), "--witness-key", witnessKey));
        String size = Files.readString(request).lines().dropWhile(l -> !l.isEmpty()).skip(2).findFirst()
                .orElseThrow();
        Path cosigned = dir.resolve("cosigned-" + size + ".txt");
        ok(CliRun.in(witness, "witness", "cosign", "--request", request.toString(), "--out", cosigned.toString()));
        CliRun imported = ok(CliRun.in(logDir, "audit", "witness-import", "--witness-key", witnessKey,
                cosigned.toString()));
        assertThat(imported.out()).contains("Kept the cosignature of ciso.example.com/witness");
        return Long.parseLong(size);
    }

    private static void entries(Path data, int n) {
        for (int i = 0; i < n; i++) {
            ok(CliRun.in(data, "audit", "hold", "add", "--reason", "matter " + i, "--from-seq", "1", "--to-seq", "1"));
        }
    }

    private static CliRun ok(CliRun run) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }

    private static int python(String... args) throws IOException, InterruptedException {
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
        System.out.println(out);
        return p.exitValue();
    }
}
