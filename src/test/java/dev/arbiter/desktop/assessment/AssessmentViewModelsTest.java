package dev.arbiter.desktop.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.assessment.Assessment;
import dev.arbiter.core.assessment.AssessmentContent;
import dev.arbiter.core.assessment.AssessmentStatus;
import dev.arbiter.core.assessment.AssessmentSummary;
import dev.arbiter.core.assessment.SystemOverview;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.CurrentThreadTaskRunner;
import dev.arbiter.desktop.common.TestUiThread;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assessment list and editor ViewModels in plain JUnit on a real workspace; no toolkit. */
class AssessmentViewModelsTest {

    @TempDir
    Path dir;
    Workspace workspace;
    AssessmentListViewModel list;
    AssessmentEditorViewModel editor;
    final List<Runnable> expiries = new ArrayList<>();
    final List<Throwable> failures = new ArrayList<>();
    final TestUiThread ui = new TestUiThread();

    @BeforeEach
    void open() {
        workspace = TestWorkspaces.open(dir);
        DesktopContext context = new DesktopContext(workspace, new CurrentThreadTaskRunner(), ui);
        list = new AssessmentListViewModel(context, (delay, task) -> {
            assertThat(delay).isEqualTo(Duration.ofSeconds(10));
            expiries.add(task);
        });
        editor = new AssessmentEditorViewModel(context);
        list.setOnFailure(failures::add);
        editor.setOnFailure(failures::add);
        editor.setOnChanged(list::refresh);
    }

    @AfterEach
    void close() {
        workspace.close();
        assertThat(failures).isEmpty();
    }

    private Assessment created(String system) {
        AtomicReference<Assessment> made = new AtomicReference<>();
        list.create(system, made::set);
        return made.get();
    }

    @Test
    void aDiscardedDraftLeavesTheListAndUndoBringsBackWhatWasTyped() {
        created("Kept");
        Assessment draft = created("Mistake");
        editor.load(draft.id());
        editor.businessPurposeProperty().set("typed just before discarding"); // not yet autosaved

        AtomicReference<Assessment> gone = new AtomicReference<>();
        editor.discardDraft(gone::set);
        list.offerUndo(gone.get());

        assertThat(editor.assessmentProperty().get()).isNull();
        assertThat(list.all()).extracting(AssessmentSummary::systemName).containsExactly("Kept");
        assertThat(list.undoableProperty().get().id()).isEqualTo(draft.id());

        AtomicReference<Assessment> back = new AtomicReference<>();
        list.undoDiscard(back::set);

        assertThat(back.get().content().overview().businessPurpose()).isEqualTo("typed just before discarding");
        assertThat(list.undoableProperty().get()).isNull();
        assertThat(list.all()).extracting(AssessmentSummary::systemName).containsExactlyInAnyOrder("Kept", "Mistake");
        expiries.forEach(Runnable::run);                       // a late expiry of the used offer changes nothing
        assertThat(list.undoableProperty().get()).isNull();
    }

    @Test
    void theUndoOfferExpiresAndOnlyTheNewestOfferCounts() {
        Assessment first = created("First");
        Assessment second = created("Second");
        list.offerUndo(workspace.assessments().discard(first.id(), "t"));
        list.offerUndo(workspace.assessments().discard(second.id(), "t"));

        expiries.get(0).run();                                  // the first offer's expiry: the second stays
        assertThat(list.undoableProperty().get().id()).isEqualTo(second.id());
        expiries.get(1).run();
        assertThat(list.undoableProperty().get()).isNull();
        list.undoDiscard(a -> { throw new AssertionError("nothing was on offer"); });
        assertThat(list.all()).isEmpty();                       // the CLI's restore still works
    }

    @Test
    void theEditorFollowsTheWorkflowAndAFilterNarrowsTheList() {
        Assessment a = created("Support assistant");
        created("Refunds");
        editor.load(a.id());
        assertThat(editor.editableProperty().get()).isTrue();
        assertThat(editor.problemsBeforeReviewProperty()).isNotEmpty();
        editor.submit();                                        // refused: the failure names what is missing
        assertThat(failures).singleElement().satisfies(f -> assertThat(f).hasMessageContaining("not ready for review"));
        failures.clear();
        assertThat(editor.assessmentProperty().get().status()).isEqualTo(AssessmentStatus.DRAFT);

        list.searchProperty().set("refu");
        assertThat(list.visible()).extracting(AssessmentSummary::systemName).containsExactly("Refunds");
        list.statusProperty().set(AssessmentStatus.APPROVED);
        assertThat(list.visible()).isEmpty();
    }

    /** Typing is saved once it rests for the autosave delay, not on every keystroke; nothing is lost. */
    @Test
    void editsAreSavedOnceTypingRests() {
        Assessment a = created("Support assistant");
        editor.load(a.id());
        assertThat(editor.saveStateProperty().get()).isEqualTo("All changes saved");
        editor.businessPurposeProperty().set("Answers");
        editor.businessPurposeProperty().set("Answers customers");
        assertThat(editor.saveStateProperty().get()).isEqualTo("Editing\u2026");
        ui.advance(AssessmentEditorViewModel.AUTOSAVE_DELAY.dividedBy(2));
        assertThat(workspace.assessments().get(a.id()).content().overview().businessPurpose()).isNullOrEmpty();

        ui.advance(AssessmentEditorViewModel.AUTOSAVE_DELAY);
        assertThat(editor.saveStateProperty().get()).startsWith("Saved ");
        assertThat(workspace.assessments().get(a.id()).content().overview().businessPurpose())
                .isEqualTo("Answers customers");
    }

    /**
     * Issue 20 "never stale": an assessment changed by another process (a second workspace on the same file, as
     * the CLI or a second desktop) is read again when the list follows the workspace, as the screen does on
     * {@code WorkspaceChanged}; once something is typed here, a later change elsewhere no longer replaces it.
     */
    @Test
    void anAssessmentChangedElsewhereIsFollowedUntilSomethingIsTypedHere() {
        Assessment a = created("Claims triage");
        editor.load(a.id());
        changeElsewhere(a.id(), "Changed by bob");
        followWorkspace(a.id());
        assertThat(editor.businessPurposeProperty().get()).isEqualTo("Changed by bob");

        editor.businessPurposeProperty().set("typed here, not yet saved");
        changeElsewhere(a.id(), "Changed again by bob");
        followWorkspace(a.id());
        assertThat(editor.businessPurposeProperty().get()).isEqualTo("typed here, not yet saved");
    }

    private void changeElsewhere(long id, String purpose) {
        try (Workspace second = TestWorkspaces.open(dir)) {
            Assessment there = second.assessments().get(id);
            AssessmentContent c = there.content();
            SystemOverview o = c.overview();
            second.assessments().saveDraft(id, there.version(), new AssessmentContent(new SystemOverview(
                    o.systemName(), purpose, o.agentCount(), o.agentIds(), o.externalTools(), o.owner()),
                    c.data(), c.risks(), c.cadence()), "bob");
        }
    }

    /** What {@code AssessmentView.followWorkspace} does when the screen hears of a change. */
    private void followWorkspace(long id) {
        list.refresh(() -> editor.follow(list.all().stream().filter(s -> s.id() == id).findFirst().orElse(null)));
    }
}
