package dev.arbiter.core.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditQuery;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KillSwitchTest {

    @TempDir
    Path dir;

    @Test
    void globalSwitchStopsEveryAgentAndSurvivesARestart() {
        try (Workspace ws = TestWorkspaces.open(dir)) {
            ws.killSwitch().engage(null, "Runaway costs", "alice");
            assertThat(ws.killSwitch().isEngagedFor("any-agent")).isTrue();
        }
        try (Workspace ws = TestWorkspaces.open(dir)) {
            assertThat(ws.killSwitch().isEngagedFor("any-agent")).isTrue();
            assertThat(ws.killSwitch().global().reason()).isEqualTo("Runaway costs");
            assertThat(ws.killSwitch().global().actor()).isEqualTo("alice");
        }
    }

    @Test
    void agentSwitchStopsOnlyThatAgent() {
        try (Workspace ws = TestWorkspaces.open(dir)) {
            DemoAgents.ensure(ws);
            ws.killSwitch().engage("refunds-agent", "Looping on refunds", "alice");

            assertThat(ws.killSwitch().isEngagedFor("refunds-agent")).isTrue();
            assertThat(ws.killSwitch().isEngagedFor("support-agent-v2")).isFalse();

            ws.killSwitch().release("refunds-agent", "Fixed", "bob");
            assertThat(ws.killSwitch().isEngagedFor("refunds-agent")).isFalse();
        }
    }

    @Test
    void everyChangeIsAuditedWithWhoAndWhy() {
        try (Workspace ws = TestWorkspaces.open(dir)) {
            ws.killSwitch().engage(null, "Drill", "alice");
            ws.killSwitch().release(null, "Drill over", "bob");

            var entries = ws.auditReader().newest(AuditQuery.all(), 10);
            assertThat(entries).extracting(e -> e.entry().event())
                    .containsExactly("kill_switch.released", "kill_switch.engaged");
            assertThat(entries.get(0).entry().actor()).isEqualTo("bob");
            assertThat(entries.get(0).entry().detail()).contains("Drill over");
            assertThat(ws.verifier().verify().intact()).isTrue();
        }
    }

    @Test
    void aReasonIsRequired() {
        try (Workspace ws = TestWorkspaces.open(dir)) {
            assertThatThrownBy(() -> ws.killSwitch().engage(null, "  ", "alice"))
                    .hasMessageContaining("reason is required");
            assertThat(ws.killSwitch().global().engaged()).isFalse();
        }
    }

    @Test
    void anotherProcessSeesTheSwitch() throws Exception {
        try (Workspace desktop = TestWorkspaces.open(dir); Workspace cli = TestWorkspaces.open(dir)) {
            List<KillSwitchState> seen = new CopyOnWriteArrayList<>();
            desktop.events().subscribe(KillSwitchChanged.class, e -> seen.add(e.state()));

            cli.killSwitch().engage(null, "From the command line", "cli:ops");

            // a limit, not the figure: the change watcher polls every 200 ms, and a loaded machine may take longer
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                    .until(() -> desktop.killSwitch().isEngagedFor("x"));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                    .until(() -> seen.stream().anyMatch(state -> "From the command line".equals(state.reason())));
        }
    }

    @Test
    void anUnknownAgentIsRefusedWithTheNearestIdAndNothingIsWritten() {
        try (Workspace ws = TestWorkspaces.open(dir)) {
            DemoAgents.ensure(ws);
            long head = ws.ledger().headSeq();
            for (String typo : List.of("refunds-agnet", "refund-agent", "refunds-agents", "efunds-agent")) {
                assertThatThrownBy(() -> ws.killSwitch().engage(typo, "stop it", "alice"))
                        .isInstanceOf(UnknownAgentException.class)
                        .hasMessage("no agent " + typo + " — did you mean refunds-agent?");
                assertThatThrownBy(() -> ws.killSwitch().release(typo, "go on", "alice"))
                        .isInstanceOf(UnknownAgentException.class);
            }
            assertThatThrownBy(() -> ws.killSwitch().engage("payroll-bot", "stop it", "alice"))
                    .isInstanceOf(UnknownAgentException.class)
                    .hasMessage("no agent payroll-bot — list the registered agents with: arbiter agent list");
            assertThat(ws.killSwitch().engaged()).isEmpty();
            assertThat(ws.ledger().headSeq()).isEqualTo(head);
        }
    }

    @Test
    void releasingASwitchThatIsNotEngagedSaysSoAndWritesNothing() {
        try (Workspace ws = TestWorkspaces.open(dir)) {
            DemoAgents.ensure(ws);
            ws.killSwitch().engage(null, "Drill", "alice");
            long head = ws.ledger().headSeq();

            assertThatThrownBy(() -> ws.killSwitch().release("refunds-agent", "go on", "bob"))
                    .isInstanceOf(KillSwitchNotEngagedException.class)
                    .hasMessageContaining("not engaged for refunds-agent")
                    .hasMessageContaining("the switch for all agents is engaged");
            ws.killSwitch().release(null, "Drill over", "bob");
            assertThatThrownBy(() -> ws.killSwitch().release(null, "again", "bob"))
                    .isInstanceOf(KillSwitchNotEngagedException.class)
                    .hasMessageStartingWith("the kill switch is not engaged for all agents; nothing was released");
            assertThat(ws.ledger().headSeq()).isEqualTo(head + 1);
        }
    }

    /** A change notice whose re-read fails is not lost: until the switch can be read, every agent is stopped. */
    @Test
    void aKillSwitchThatCannotBeReReadAfterAChangeStopsEveryAgentUntilItCan() {
        Workspace ws = TestWorkspaces.open(dir);
        try {
            assertThat(ws.killSwitch().isEngagedFor("support-agent-v2")).isFalse();
            ws.database().close(); // every read fails from now on
            ws.events().publish(new dev.arbiter.core.event.WorkspaceChanged(java.util.Set.of("kill_switch")));
            assertThat(ws.killSwitch().isEngagedFor("support-agent-v2")).as("fail closed").isTrue();
        } finally {
            try {
                ws.close();
            } catch (RuntimeException alreadyClosed) {
                // the database was closed above on purpose
            }
        }
    }
}
