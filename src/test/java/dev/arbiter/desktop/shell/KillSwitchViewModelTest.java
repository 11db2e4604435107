package dev.arbiter.desktop.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.control.KillSwitchState;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.CurrentThreadTaskRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kill-switch bar's ViewModel on a real workspace, with no toolkit: everything runs on the test thread. */
class KillSwitchViewModelTest {

    @TempDir
    Path dir;
    Workspace ws;
    KillSwitchViewModel model;
    final List<Throwable> failures = new ArrayList<>();

    @BeforeEach
    void open() {
        ws = TestWorkspaces.open(dir);
        model = new KillSwitchViewModel(new DesktopContext(ws, new CurrentThreadTaskRunner()), Runnable::run);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    @Test
    void engagingAndReleasingShowWhoWhenAndWhyAndAreAudited() {
        assertThat(model.engagedProperty().get()).isFalse();
        assertThat(model.statusProperty().get()).isEqualTo("Agents running · kill switch released");

        model.engage("Refund loop", failures::add);
        assertThat(failures).isEmpty();
        assertThat(model.engagedProperty().get()).isTrue();
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(model.statusProperty().get()).startsWith("KILL SWITCH ENGAGED — all agents stopped by ")
                .endsWith(": Refund loop");
        assertThat(ws.killSwitch().global().engaged()).isTrue();

        model.release("Fixed", failures::add);
        assertThat(model.engagedProperty().get()).isFalse();
        assertThat(ws.auditReader().newest(AuditQuery.all(), 5)).extracting(e -> e.entry().event())
                .contains("kill_switch.engaged", "kill_switch.released");
    }

    /** Changes made elsewhere (another screen, the CLI, a rule) reach the bar through the event, not a refresh. */
    @Test
    void followsAnAgentStoppedElsewhere() {
        DemoAgents.ensure(ws);
        KillSwitchState stopped = ws.killSwitch().engage(DemoAgents.REFUNDS, "looping", "cli");
        assertThat(stopped.engaged()).isTrue();
        assertThat(model.engagedProperty().get()).isFalse(); // only one agent: the global switch stays released
        assertThat(model.statusProperty().get()).isEqualTo("Agents running · stopped individually: " + DemoAgents.REFUNDS);
    }

    @Test
    void aRefusedChangeGoesToTheCallerAndLeavesTheBarAsItWas() {
        model.engage(" ", failures::add);
        assertThat(failures).singleElement().satisfies(f -> assertThat(f).hasMessageContaining("reason is required"));
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(model.engagedProperty().get()).isFalse();
        assertThat(model.statusProperty().get()).isEqualTo("Agents running · kill switch released");
    }
}
