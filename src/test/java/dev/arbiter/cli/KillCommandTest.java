package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.store.DataDirectory;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12 §4: the kill switch stops what the operator meant, or nothing. */
class KillCommandTest {

    @TempDir
    Path data;
    long head;

    @BeforeEach
    void registerOpsBot() {
        try (Workspace ws = Workspace.open(new DataDirectory(data))) {
            DemoAgents.ensure(ws);
            ws.agents().add(new AgentProfile("ops-bot", "Ops bot", "platform", "", "", "", "", Set.of(), null, null, null),
                    "alice");
            head = ws.ledger().headSeq();
        }
    }

    private long headNow() {
        try (Workspace ws = Workspace.open(new DataDirectory(data))) {
            return ws.ledger().headSeq();
        }
    }

    @Test
    void aMistypedAgentIsRefusedWithTheIdMeantAndNothingIsEngaged() {
        CliRun run = CliRun.in(data, "kill", "--agent", "ops-bots", "--reason", "runaway");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("arbiter: no agent ops-bots — did you mean ops-bot?\n");
        assertThat(run.out()).isEmpty();
        assertThat(headNow()).isEqualTo(head);
        try (Workspace ws = Workspace.open(new DataDirectory(data))) {
            assertThat(ws.killSwitch().engaged()).isEmpty();
        }
    }

    @Test
    void resumeRefusesAnUnknownAgentAndSaysWhenNothingWasEngaged() {
        CliRun typo = CliRun.in(data, "resume", "--agent", "opsbot", "--reason", "fixed");
        assertThat(typo.exitCode()).isEqualTo(1);
        assertThat(typo.err()).isEqualTo("arbiter: no agent opsbot — did you mean ops-bot?\n");

        CliRun idle = CliRun.in(data, "resume", "--agent", "ops-bot", "--reason", "fixed");
        assertThat(idle.exitCode()).isEqualTo(1);
        assertThat(idle.err()).contains("the kill switch is not engaged for ops-bot; nothing was released");
        assertThat(headNow()).isEqualTo(head);
    }

    @Test
    void theRightIdEngagesAndReleases() {
        CliRun kill = CliRun.in(data, "kill", "--agent", "ops-bot", "--reason", "runaway");
        assertThat(kill.exitCode()).isZero();
        assertThat(kill.out()).isEqualTo("Kill switch engaged for ops-bot.\n");

        CliRun resume = CliRun.in(data, "resume", "--agent", "ops-bot", "--reason", "fixed");
        assertThat(resume.exitCode()).isZero();
        assertThat(resume.out()).isEqualTo("Kill switch released for ops-bot.\n");
        assertThat(headNow()).isEqualTo(head + 2);
    }
}
