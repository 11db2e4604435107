package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.policy.SamplePolicies;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentCommandTest {

    @TempDir
    Path dir;
    Path data;

    @BeforeEach
    void policy() throws Exception {
        data = dir.resolve("ws");
        Path file = Files.writeString(dir.resolve("support.yaml"), SamplePolicies.GUIDE);
        assertThat(CliRun.in(data, "policy", "import", file.toString()).exitCode()).isZero();
    }

    private CliRun addSupportAgent() {
        return CliRun.in(data, "agent", "add", "support-agent-v2", "--name", "Support agent", "--owner", "Dana Reyes",
                "--vendor", "Anthropic", "--model", "claude-sonnet-4-5-20250929", "--data-class", "PII,Financial",
                "--daily-tokens", "800000", "--daily-cost", "25", "--policy", "customer-support-agent");
    }

    @Test
    void addListPauseResumeRetire() {
        CliRun added = addSupportAgent();
        assertThat(added.exitCode()).isZero();
        assertThat(added.out()).isEqualTo("Added agent support-agent-v2 (active, policy customer-support-agent).\n");

        assertThat(CliRun.in(data, "agent", "list").out()).containsPattern(
                "support-agent-v2 +active +Support agent +Dana Reyes +claude-sonnet-4-5-20250929 +customer-support-agent");

        assertThat(CliRun.in(data, "agent", "pause", "support-agent-v2", "--reason", "drill").out())
                .startsWith("Agent support-agent-v2 paused;");
        assertThat(CliRun.in(data, "agent", "list").out()).containsPattern("support-agent-v2 +paused");
        assertThat(CliRun.in(data, "agent", "resume", "support-agent-v2", "--reason", "drill over").exitCode())
                .isZero();
        assertThat(CliRun.in(data, "agent", "retire", "support-agent-v2", "--reason", "replaced").exitCode())
                .isZero();
        assertThat(CliRun.in(data, "agent", "list").out()).startsWith("No agents yet.");
        assertThat(CliRun.in(data, "agent", "list", "--all").out()).containsPattern("support-agent-v2 +retired");
    }

    @Test
    void badInputNamesTheOption() {
        CliRun run = CliRun.in(data, "agent", "add", "x", "--name", "X", "--owner", "O", "--policy", "nope");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("arbiter: --policy: there is no policy named nope; import it first\n");

        addSupportAgent();
        CliRun again = CliRun.in(data, "agent", "pause", "ghost", "--reason", "x");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("arbiter: There is no agent with id ghost.\n");
    }

    @Test
    void aReasonIsRequired() {
        addSupportAgent();
        assertThat(CliRun.in(data, "agent", "pause", "support-agent-v2").exitCode()).isEqualTo(2);
    }
}
