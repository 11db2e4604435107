package dev.arbiter.desktop.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.compliance.Coverage;
import dev.arbiter.core.compliance.CoverageCell;
import dev.arbiter.core.compliance.ControlStatus;
import dev.arbiter.core.compliance.RequirementCoverage;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.CurrentThreadTaskRunner;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Compliance ViewModel on a real workspace with the demo agents, no toolkit: all on the test thread. */
class ComplianceViewModelTest {

    @TempDir
    Path dir;
    Workspace ws;
    ComplianceViewModel model;

    @BeforeEach
    void open() {
        ws = TestWorkspaces.open(dir);
        // inline, one at a time: the workspace's change watcher may also ask for a refresh from its own thread
        java.util.concurrent.Executor inline = r -> {
            synchronized (this) {
                r.run();
            }
        };
        model = new ComplianceViewModel(new DesktopContext(ws, new CurrentThreadTaskRunner()), inline,
                (delay, expire) -> { }); // outcome lines stay: the test reads them at its own pace
    }

    @AfterEach
    void close() {
        ws.close();
    }

    @Test
    void noAgentsSaysSoThenAnAgentAddedElsewhereShowsUp() {
        model.refresh();
        assertThat(model.noAgentsProperty().get()).isTrue();
        assertThat(model.rows()).isEmpty();
        DemoAgents.ensure(ws); // registered by another screen: the AgentChanged event refreshes the matrix
        assertThat(model.noAgentsProperty().get()).isFalse();
        assertThat(model.rows()).isNotEmpty();
        assertThat(model.regulations()).isNotEmpty();
    }

    @Test
    void aGapIsClosedByRecordingAControlAndOpensAgainWhenTheRecordIsRemoved() {
        DemoAgents.ensure(ws);
        model.refresh();
        CoverageCell withGaps = model.rows().stream().flatMap(r -> r.cells().values().stream())
                .filter(c -> c.gaps() > 0).findFirst().orElseThrow();
        assertThat(model.summaryProperty().get()).contains("unmet requirement").endsWith("Select a cell to see them.");

        model.select(withGaps);
        assertThat(model.cellTitleProperty().get()).startsWith(withGaps.agentId() + " × ");
        assertThat(model.requirements().get(0).coverage()).isEqualTo(Coverage.GAP); // gaps listed first
        RequirementCoverage gap = model.requirements().get(0);
        model.selectRequirement(gap);
        assertThat(model.controlHintProperty().get()).isNotBlank();

        model.statusProperty().set(ControlStatus.MET);
        model.controlProperty().set("Weekly access review by the data owner");
        model.evidenceProperty().set("Review log in the GRC tool");
        model.record();
        assertThat(model.messageIsErrorProperty().get()).isFalse();
        assertThat(model.messageProperty().get()).isEqualTo("Recorded " + gap.requirement().id() + " for "
                + withGaps.agentId() + ".");
        // the refresh kept the cell and the requirement, now met, with the form filled from the record
        assertThat(model.cellProperty().get().agentId()).isEqualTo(withGaps.agentId());
        assertThat(model.cellProperty().get().gaps()).isEqualTo(withGaps.gaps() - 1);
        assertThat(model.requirementProperty().get().requirement().id()).isEqualTo(gap.requirement().id());
        assertThat(model.requirementProperty().get().coverage()).isEqualTo(Coverage.MET);
        assertThat(model.controlProperty().get()).isEqualTo("Weekly access review by the data owner");

        model.removeRecord();
        assertThat(model.cellProperty().get().gaps()).isEqualTo(withGaps.gaps());
        assertThat(model.requirementProperty().get().coverage()).isEqualTo(Coverage.GAP);
        assertThat(model.controlProperty().get()).isEmpty();
    }

    /**
     * Issue 20 "never stale": a regulation added and a control recorded by another process (the CLI, a
     * second desktop on the same file) show here, and what is being typed in the form is kept meanwhile.
     */
    @Test
    void followsAnotherProcessWithoutLosingWhatIsTyped() {
        DemoAgents.ensure(ws);
        model.refresh();
        CoverageCell withGaps = model.rows().stream().flatMap(r -> r.cells().values().stream())
                .filter(c -> c.gaps() > 1).findFirst().orElseThrow();
        synchronized (this) {
            model.select(withGaps);
            model.selectRequirement(model.requirements().get(0));
            model.controlProperty().set("Typed here, not yet recorded");
        }
        RequirementCoverage typedOn = model.requirements().get(0);
        RequirementCoverage other = model.requirements().get(1);
        int regulations = model.regulations().size();
        try (Workspace second = TestWorkspaces.open(dir)) {
            second.compliance().addRegulation("local-ai-act", "Local AI Act", "A regulation added elsewhere",
                    "bob");
            second.compliance().recordControl(withGaps.agentId(), other.requirement().id(), ControlStatus.MET,
                    "Recorded by bob", "Ticket 42", "bob");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            synchronized (this) {
                return model.regulations().size() == regulations + 1
                        && model.cellProperty().get().gaps() == withGaps.gaps() - 1;
            }
        });
        synchronized (this) {
            assertThat(model.requirementProperty().get().requirement().id()).isEqualTo(typedOn.requirement().id());
            assertThat(model.controlProperty().get()).isEqualTo("Typed here, not yet recorded");
        }
    }
}
