package dev.arbiter.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The independent verifier shipped in {@code docs/verifier/verify.py}, run on a file as an auditor would, so a test
 * can hold the Java and the Python verifiers to the same verdict. Skips the test where python3 or its
 * {@code cryptography} package is missing.
 */
final class PythonVerifier {

    private PythonVerifier() {
    }

    /**
     * The Python verifier's refusal of {@code file} (a bundle or a receipt) under the C2SP verifier key, empty when
     * it verifies. Fails the test when the refusal is a traceback rather than a sentence, or takes over 60 s.
     */
    static Optional<String> refusal(Path file, String verifierKey) throws Exception {
        Run run = run("--public-key", verifierKey, file.toString());
        return run.exit() == 0 ? Optional.empty() : Optional.of(run.output());
    }

    /** What the Python verifier printed (stdout and stderr) and its exit status. */
    record Run(int exit, String output) {
    }

    /** Runs the Python verifier with {@code args}, as {@link #refusal} does. */
    static Run run(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("python3",
                Path.of("docs/verifier/verify.py").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException noPython) {
            assumeTrue(false, "python3 is missing");
            return new Run(0, "");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assumeTrue(!out.contains("No module named 'cryptography'"), "python3-cryptography is missing");
        assertThat(out).as("the Python verifier fails with a sentence, not a traceback").doesNotContain("Traceback");
        return new Run(p.exitValue(), out);
    }
}
