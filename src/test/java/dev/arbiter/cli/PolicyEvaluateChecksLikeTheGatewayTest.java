package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 12 §1: {@code arbiter policy evaluate} refuses what the gateway refuses
 * (exit 2 naming the option and what to write), instead of answering allow.
 */
class PolicyEvaluateChecksLikeTheGatewayTest {

    @TempDir
    Path dir;
    Path policy;

    @BeforeEach
    void write() throws Exception {
        policy = Files.writeString(dir.resolve("p.yaml"), """
                agent_policy:
                  name: p
                  allowed_actions:
                    - read:*
                  denied_actions:
                    - read:secrets
                """, StandardCharsets.UTF_8);
    }

    private CliRun evaluate(String... options) {
        String[] args = new String[3 + options.length];
        args[0] = "policy";
        args[1] = "evaluate";
        args[2] = policy.toString();
        System.arraycopy(options, 0, args, 3, options.length);
        return CliRun.of(args);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--action|read:x:|--action: action \"read:x:\" has more than one colon",
            "--action|'read:x '|--action: action \"read:x \" contains white space",
            "--action|read:secrets/|write read:secrets instead",
            "--action|read:./secrets|write read:secrets instead",
            "--action|READ:se\u0441rets|U+0441"})
    void aRefusedActionExitsTwoNamingTheOption(String option, String value, String expected) {
        CliRun run = evaluate(option, value.replace("'", ""));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("arbiter: --action: ").contains(expected);
        assertThat(run.out()).doesNotContain("decision:");
    }

    @Test
    void theIssuesNumberExamplesAreRefused() {
        CliRun nan = evaluate("--action", "read:x", "--confidence", "NaN");
        assertThat(nan.exitCode()).isEqualTo(2);
        assertThat(nan.err()).isEqualTo("arbiter: --confidence: confidence must be between 0 and 1\n");
        CliRun negative = evaluate("--action", "read:x", "--amount", "-5000");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err()).startsWith("arbiter: --amount: context.amount_usd cannot be negative");
        assertThat(evaluate("--action", "read:x", "--amount", "Infinity").exitCode()).isEqualTo(2);
        assertThat(evaluate("--action", "read:x", "--target", "crm-api.internal").err()).startsWith("arbiter: --target: ");
    }

    @Test
    void aFoldedDeniedActionIsDeniedAndAnAcceptedOneAnswered() {
        CliRun denied = evaluate("--action", "READ:Secrets");
        assertThat(denied.exitCode()).isZero();
        assertThat(denied.out()).startsWith("decision:   deny (DENIED_BY_POLICY)");
        CliRun allowed = evaluate("--action", "read:orders", "--confidence", "0.9");
        assertThat(allowed.out()).startsWith("decision:   allow (ALLOWED)");
    }
}
