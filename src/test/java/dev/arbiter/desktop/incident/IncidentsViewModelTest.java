package dev.arbiter.desktop.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.event.WorkspaceChanged;
import dev.arbiter.core.incident.IncidentStatus;
import dev.arbiter.core.incident.NewIncident;
import dev.arbiter.core.incident.SeriousIncidentClass;
import dev.arbiter.core.incident.Severity;
import dev.arbiter.core.incident.TimelineKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Incidents ViewModel on a real workspace, with both executors running inline (no toolkit). */
class IncidentsViewModelTest {

    @TempDir
    Path dir;
    Workspace ws;
    IncidentsViewModel model;

    @BeforeEach
    void open() {
        ws = TestWorkspaces.open(dir);
        // inline, but one at a time: the workspace's change watcher also refreshes, from its own thread
        java.util.concurrent.Executor inline = r -> {
            synchronized (this) {
                r.run();
            }
        };
        model = new IncidentsViewModel(ws.incidents(), ws.playbooks(), ws.events(), () -> "alice", inline, inline,
                (delay, expire) -> { }); // outcome lines stay: the test reads them at its own pace
    }

    @AfterEach
    void close() {
        ws.close();
    }

    @Test
    void emptyThenOpenedFromTheFormThenMovedOnAndLocked() {
        model.refresh();
        assertThat(model.emptyProperty().get()).isTrue();

        model.titleProperty().set("Agent emailed a customer list outside");
        model.severityProperty().set(Severity.CRITICAL);
        model.classificationProperty().set(SeriousIncidentClass.FUNDAMENTAL_RIGHTS);
        model.open();

        assertThat(model.emptyProperty().get()).isFalse();
        assertThat(model.titleProperty().get()).isEmpty();
        assertThat(model.selectedProperty().get().title()).isEqualTo("Agent emailed a customer list outside");
        assertThat(model.deadlineProperty().get()).startsWith("Infringement of Union law protecting fundamental"
                + " rights — EU AI Act report due ");
        assertThat(model.nextStepProperty().get()).isEqualTo("Contain");

        model.advance("token revoked");
        assertThat(model.selectedProperty().get().status()).isEqualTo(IncidentStatus.CONTAINED);
        model.advance(null);
        model.advance(null);
        assertThat(model.messageProperty().get()).contains("no root cause yet");
        assertThat(model.messageIsErrorProperty().get()).isTrue();
        model.recordRootCause("Tool scope allowed external mail");
        model.advance(null);
        assertThat(model.lockedProperty().get()).isTrue();
        assertThat(model.nextStepProperty().get()).isEmpty();
        assertThat(model.timeline()).extracting(e -> e.kind()).contains(TimelineKind.DETECTED,
                TimelineKind.CONTAINED, TimelineKind.RESOLVED, TimelineKind.ROOT_CAUSE, TimelineKind.CLOSED);
    }

    /** Issue 17: running a playbook from an incident ticks its steps with the time and who. */
    @Test
    void aPlaybookRunForAnIncidentHasItsStepsTickedWithTimeAndWho() {
        model.refresh();
        assertThat(model.playbookIds()).contains("runaway-cost-loop", "compromised-agent-token");
        model.titleProperty().set("Refund loop");
        model.open();
        assertThat(model.steps()).isEmpty();

        model.chosenPlaybookProperty().set("runaway-cost-loop");
        model.startPlaybook();
        int all = ws.playbooks().get("runaway-cost-loop").steps().size();
        assertThat(model.steps()).hasSize(all).noneMatch(IncidentsViewModel.StepRow::isDone);
        assertThat(model.timeline()).extracting(e -> e.kind()).contains(TimelineKind.PLAYBOOK);

        model.tick(model.steps().get(1));
        assertThat(model.steps().get(1).isDone()).isTrue();
        assertThat(model.steps().get(1).done()).startsWith("done ").endsWith(" UTC by alice");
        assertThat(model.steps()).filteredOn(IncidentsViewModel.StepRow::isDone).hasSize(1);
        assertThat(ws.incidents().get(model.selectedProperty().get().id()).timeline())
                .filteredOn(e -> e.kind() == TimelineKind.STEP).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("alice"));

        model.tick(model.steps().get(1)); // once only
        assertThat(model.messageIsErrorProperty().get()).isTrue();
        assertThat(model.messageProperty().get()).contains("done already");
        model.startPlaybook(); // not twice either: the core refuses, the screen says why
        assertThat(model.messageProperty().get()).contains("already");
        assertThat(model.steps()).hasSize(all);
    }

    @Test
    void badInputIsShownAndNothingOpens() {
        model.titleProperty().set("x");
        model.rangeProperty().set("12..4");
        model.open();
        assertThat(model.messageIsErrorProperty().get()).isTrue();
        assertThat(model.messageProperty().get()).contains("ledger range");
        model.rangeProperty().set("");
        model.agentsProperty().set("nobody");
        model.open();
        assertThat(model.messageProperty().get()).isEqualTo("agents: there is no agent 'nobody' (arbiter agent list"
                + " shows them)");
        assertThat(ws.incidents().list()).isEmpty();
    }

    @Test
    void followsChangesMadeElsewhere() {
        model.refresh();
        // another process: the register changes behind this process's back, then the watcher says so
        try (Workspace other = dev.arbiter.core.TestWorkspaces.open(dir)) {
            other.incidents().open(NewIncident.of("From the CLI", Severity.LOW, List.of()), "bob");
        }
        ws.events().publish(new WorkspaceChanged(Set.of("incident")));
        assertThat(model.incidents()).extracting(i -> i.title()).containsExactly("From the CLI");
    }
}
