package dev.arbiter.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code .ci/failures}, which {@code .ci/run} runs after a red build: it prints each failing class's surefire
 * report and the last 200 lines of its output, names no passing class, and stays bounded however much a test
 * printed. Run on a made-up {@code target/} in a temp directory, with the real script.
 */
class CiFailuresTest {

    @TempDir
    Path project;

    @Test
    void aRedRunPrintsTheFailingClassesReportsAndTheTailOfTheirOutputBounded() throws Exception {
        Path reports = Files.createDirectories(project.resolve("target/surefire-reports"));
        Files.writeString(reports.resolve("dev.arbiter.mcp.BadInputTest.txt"), """
                -------------------------------------------------------------------------------
                Test set: dev.arbiter.mcp.BadInputTest
                -------------------------------------------------------------------------------
                Tests run: 5, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 27.1 s <<< FAILURE! -- in dev.arbiter.mcp.BadInputTest
                dev.arbiter.mcp.BadInputTest.callsThatCannotBeDecidedAreRefusedBeforeTheServerSeesThem -- Time elapsed: 3.2 s <<< FAILURE!
                org.opentest4j.AssertionFailedError: Unknown tool: echo
                """);
        StringBuilder output = new StringBuilder();
        for (int i = 1; i <= 10_000; i++) {
            output.append("output line ").append(i).append(i == 9_999 ? "x".repeat(1_000_000) : "").append('\n');
        }
        Files.writeString(reports.resolve("dev.arbiter.mcp.BadInputTest-output.txt"), output);
        Files.writeString(reports.resolve("dev.arbiter.gateway.GatewayServerTest.txt"), """
                Test set: dev.arbiter.gateway.GatewayServerTest
                Tests run: 9, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 31.0 s -- in dev.arbiter.gateway.GatewayServerTest
                """);
        Files.writeString(reports.resolve("dev.arbiter.gateway.GatewayServerTest-output.txt"), "quiet pass\n");
        Path logs = Files.createDirectories(project.resolve("target/test-logs"));
        Files.writeString(logs.resolve("arbiter-test-1.log"), """
                04:01:02.003 INFO  [main] d.a.core.Workspace - opened
                04:01:02.004 WARN  [arbiter-mcp-gate-1] d.a.mcp.ToolListing - The MCP server's tools could not be read
                """);

        String printed = run();

        assertThat(printed).contains("Failing test classes: 1")
                .contains("Unknown tool: echo")
                .contains("output line 9801").doesNotContain("output line 9800\n")
                .contains("output line 10000")
                .contains("The MCP server's tools could not be read").doesNotContain("opened")
                .doesNotContain("GatewayServerTest").doesNotContain("quiet pass");
        assertThat(printed.length()).as("bounded, though one line was a megabyte").isLessThan(300_000);
    }

    @Test
    void aBuildThatFailedBeforeTheTestsSaysSo() throws Exception {
        assertThat(run()).contains("No surefire reports");
    }

    private String run() throws IOException, InterruptedException {
        Path script = Path.of(".ci/failures").toAbsolutePath();
        Process p = new ProcessBuilder("bash", script.toString(), project.toString())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("the script never changes the build's exit code").isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
