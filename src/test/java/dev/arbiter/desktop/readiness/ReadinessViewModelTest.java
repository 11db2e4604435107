package dev.arbiter.desktop.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.readiness.Dimension;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.CurrentThreadTaskRunner;
import dev.arbiter.desktop.common.TestUiThread;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The readiness screen's ViewModel on a real workspace, no toolkit: the test thread is the UI thread. */
class ReadinessViewModelTest {

    @TempDir
    Path dir;
    Workspace ws;
    TestUiThread ui;
    ReadinessViewModel model;
    final List<String> failures = new ArrayList<>();

    @BeforeEach
    void open() {
        ws = TestWorkspaces.open(dir);
        ui = new TestUiThread();
        model = new ReadinessViewModel(new DesktopContext(ws, new CurrentThreadTaskRunner(), ui));
        model.setErrorHandler((title, e) -> failures.add(title + ": " + e.getMessage()));
        model.refresh();
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private long onScreen() {
        return model.loadedProperty().get().id();
    }

    @Test
    void anEmptyWorkspaceHasNothingToEditUntilADraftIsStarted() {
        assertThat(model.loadingProperty().get()).isFalse();
        assertThat(model.loadedProperty().get()).isNull();
        assertThat(model.editableProperty().get()).isFalse();
        assertThat(model.history()).isEmpty();
        model.setScore(Dimension.values()[0], 3); // read-only: ignored
        assertThat(model.rows().get(0).scoreProperty().get()).isZero();

        model.startNew();
        assertThat(failures).isEmpty();
        assertThat(model.editableProperty().get()).isTrue();
        assertThat(model.statusProperty().get()).isEqualTo("Draft: every edit is saved.");
        assertThat(model.history()).hasSize(1);
    }

    /** Issue 20 "Drafts": "New assessment" while a draft exists opens that draft instead of a second one. */
    @Test
    void newAssessmentWhileADraftExistsOpensIt() {
        model.startNew();
        long draft = onScreen();
        model.startNew();
        assertThat(onScreen()).isEqualTo(draft);
        assertThat(model.statusProperty().get()).startsWith("A draft is open: this one (")
                .endsWith("Complete or discard it to start another.");
        assertThat(ws.readiness().history()).hasSize(1);
    }

    @Test
    void scoresAreSavedOnceEditingRestsAndADiscardedDraftIsGone() {
        model.startNew();
        long draft = onScreen();
        Dimension first = Dimension.values()[0];
        model.setScore(first, 2);
        model.setScore(first, 4);
        assertThat(model.statusProperty().get()).isEqualTo("Editing…");
        assertThat(model.allSavedProperty().get()).isFalse();
        ui.advance(ReadinessViewModel.AUTOSAVE_DELAY);
        assertThat(model.statusProperty().get()).startsWith("All changes saved ");
        assertThat(model.allSavedProperty().get()).isTrue();
        assertThat(ws.readiness().snapshot(draft).assessment().score(first).score()).isEqualTo(4);

        model.setScore(first, 5);
        model.flush(); // leaving the screen saves at once
        assertThat(ws.readiness().snapshot(draft).assessment().score(first).score()).isEqualTo(5);

        model.discard();
        assertThat(failures).isEmpty();
        assertThat(model.loadedProperty().get()).isNull();
        assertThat(model.history()).isEmpty();
        assertThat(ws.readiness().history()).isEmpty();
        ui.advance(ReadinessViewModel.AUTOSAVE_DELAY); // no late autosave brings it back
        assertThat(ws.readiness().history()).isEmpty();
    }

    @Test
    void aCompletedAssessmentIsReadOnly() {
        model.startNew();
        for (Dimension d : Dimension.values()) {
            model.setScore(d, 3);
        }
        model.complete();
        assertThat(failures).isEmpty();
        assertThat(model.loadedProperty().get().isCompleted()).isTrue();
        assertThat(model.editableProperty().get()).isFalse();
        assertThat(model.verdictProperty().get()).isNotNull();
        model.setScore(Dimension.values()[0], 1);
        assertThat(model.rows().get(0).scoreProperty().get()).isEqualTo(3);
    }

    /** Issue 20 "never stale": another process's readiness edits reach the screen, never over unsaved typing. */
    @Test
    void editsMadeByAnotherProcessAreShownButNeverOverTheUsersUnsavedEdits() {
        Dimension first = Dimension.values()[0];
        Dimension second = Dimension.values()[1];
        // an empty screen follows a draft started elsewhere
        long draft;
        try (Workspace other = TestWorkspaces.open(dir)) {
            draft = other.readiness().start("Northwind", null, "carol", "carol").id();
        }
        settle(() -> model.loadedProperty().get() != null && model.loadedProperty().get().id() == draft);
        assertThat(model.subjectProperty().get()).isEqualTo("Northwind");

        // a score set elsewhere is shown, the total follows, and the status says where it came from
        try (Workspace other = TestWorkspaces.open(dir)) {
            var a = other.readiness().require(draft);
            other.readiness().saveDraft(a.withScore(first, 4).withNotes(first, "board approved the charter"));
        }
        settle(() -> model.rows().get(0).scoreProperty().get() == 4);
        assertThat(model.rows().get(0).notesProperty().get()).isEqualTo("board approved the charter");
        assertThat(model.statusProperty().get()).contains("changed elsewhere");
        assertThat(model.verdictProperty().get()).isNotNull();

        // while the person keeps typing (their autosave keeps waiting), a change elsewhere does not replace it
        model.rows().get(1).notesProperty().set("typed here");
        try (Workspace other = TestWorkspaces.open(dir)) {
            var a = other.readiness().require(draft);
            other.readiness().saveDraft(a.withScore(second, 2));
        }
        waitForTheWatcher(); // the notice is in; its look is due after the follow interval
        ui.advance(java.time.Duration.ofMillis(300));
        model.rows().get(1).notesProperty().set("typed here, not yet saved"); // the autosave waits again
        ui.advance(java.time.Duration.ofMillis(250)); // the look is due now, while the edit is unsaved
        assertThat(model.allSavedProperty().get()).isFalse();
        assertThat(model.rows().get(1).notesProperty().get()).isEqualTo("typed here, not yet saved");
        // once saved (last writer wins for the whole draft), the screen and the file agree
        ui.advance(ReadinessViewModel.AUTOSAVE_DELAY);
        settle(() -> model.allSavedProperty().get());
        assertThat(ws.readiness().require(draft).score(second).notes()).isEqualTo("typed here, not yet saved");
        assertThat(model.rows().get(1).scoreProperty().get())
                .isEqualTo(ws.readiness().require(draft).score(second).score() == null ? 0
                        : ws.readiness().require(draft).score(second).score());

        // discarded elsewhere: the history and the screen follow
        try (Workspace other = TestWorkspaces.open(dir)) {
            other.readiness().discardDraft(draft, "carol");
        }
        settle(() -> model.loadedProperty().get() == null && model.history().isEmpty());
        assertThat(failures).isEmpty();
    }

    /** Lets the change watcher (200 ms) see the other process's commit and hand its notice over. */
    private void waitForTheWatcher() {
        long until = System.nanoTime() + java.time.Duration.ofMillis(600).toNanos();
        ui.runUntil(() -> System.nanoTime() > until);
    }

    /** Runs what the watcher hands over, the UI clock moving on by the follow interval each time. */
    private void settle(java.util.function.BooleanSupplier condition) {
        ui.runUntil(() -> {
            ui.advance(ReadinessViewModel.FOLLOW_INTERVAL);
            return condition.getAsBoolean();
        });
    }
}
