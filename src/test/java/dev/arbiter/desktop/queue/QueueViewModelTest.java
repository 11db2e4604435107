package dev.arbiter.desktop.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.decision.Decision;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.policy.DataClass;
import dev.arbiter.core.queue.ReviewStatus;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.CurrentThreadTaskRunner;
import dev.arbiter.desktop.common.StatusMessage;
import dev.arbiter.desktop.common.TestUiThread;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue's ViewModel on a real workspace, no toolkit: the test thread is the UI thread and moves its clock. */
class QueueViewModelTest {

    @TempDir
    Path dir;
    Workspace ws;
    TestUiThread ui;
    QueueViewModel model;

    @BeforeEach
    void open() {
        ws = TestWorkspaces.open(dir);
        DemoAgents.ensure(ws);
        ui = new TestUiThread();
        model = new QueueViewModel(new DesktopContext(ws, new CurrentThreadTaskRunner(), ui));
        ui.runPending();
    }

    @AfterEach
    void close() {
        model.close();
        ws.close();
    }

    private static Decision refund(Workspace in, double amount) {
        return in.decisions().decide(new DecisionRequest(DemoAgents.REFUNDS, "sess_1", "issue:refund",
                "Refund for a cancelled annual plan", "Cancelled on day 12 (confidence: 0.9)", 0.9,
                List.of("order_lookup"), 100L, "payments-api.internal:443", amount,
                Set.of(DataClass.FINANCIAL), null, null,
                "{\"amount_usd\":" + amount + ",\"data_classes\":[\"Financial\"]}")).join();
    }

    /**
     * Runs the UI thread until {@code condition} holds, letting the UI clock pass the queue's minimum
     * interval between two changes of the list at each step (changes that come in quickly are applied together).
     */
    private void settle(java.util.function.BooleanSupplier condition) {
        ui.runUntil(() -> {
            ui.advance(Duration.ofMillis(QueueViewModel.MIN_APPLY_INTERVAL_MS));
            return condition.getAsBoolean();
        });
    }

    private QueueRow row(String traceId) {
        return model.rows().stream().filter(r -> r.traceId().equals(traceId)).findFirst().orElseThrow();
    }

    @Test
    void anEmptyQueueSaysSoAndArrivalsAreCountedForTheStatusBar() {
        assertThat(model.summaryProperty().get()).isEqualTo("No pending escalations");
        assertThat(model.rows()).isEmpty();

        refund(ws, 1200);
        refund(ws, 1300);
        settle(() -> model.pendingCountProperty().get() == 2);
        ui.advance(Duration.ofMillis(QueueViewModel.MIN_APPLY_INTERVAL_MS)); // a burst is applied as one change
        assertThat(model.rows()).hasSize(2);
        assertThat(model.gatedCountProperty().get()).isEqualTo(2);
        assertThat(model.summaryProperty().get()).isEqualTo("2 pending: 2 waiting for approval, 0 to review");
        assertThat(model.agentChoices()).containsExactly(QueueViewModel.ALL_AGENTS, DemoAgents.REFUNDS);
    }

    /** Issue 20 "never stale": approved items never still show "pending · gated" in the detail pane. */
    @Test
    void theDetailPaneFollowsDecisionsMadeInAnotherProcess() {
        Decision first = refund(ws, 1200);
        Decision second = refund(ws, 1300);
        settle(() -> model.rows().size() == 2);
        model.focus(row(second.traceId()));
        assertThat(model.briefingProperty().get().item().traceId()).isEqualTo(second.traceId());
        assertThat(model.briefingProperty().get().recentActions()).anyMatch(a -> a.isPending()
                && a.review().traceId().equals(first.traceId()));

        try (Workspace other = TestWorkspaces.open(dir)) {
            other.queue().approve(first.traceId(), "alice", "checked in the CRM");
        }
        // the shown item's record now has the first refund approved by alice: nothing stale is pending
        settle(() -> model.rows().size() == 1 && model.briefingProperty().get() != null
                && model.briefingProperty().get().recentActions().stream()
                .noneMatch(a -> a.isPending() && a.review().traceId().equals(first.traceId())));
        assertThat(model.briefingProperty().get().recentActions()).anyMatch(a -> a.review() != null
                && a.review().traceId().equals(first.traceId()) && "alice".equals(a.review().reviewer()));

        try (Workspace other = TestWorkspaces.open(dir)) {
            other.queue().deny(second.traceId(), "bob", "duplicate of an earlier refund");
        }
        // the shown item itself was decided and nothing took its place: the pane shows it as decided
        settle(() -> model.rows().isEmpty() && model.briefingProperty().get() != null
                && !model.briefingProperty().get().item().isPending());
        assertThat(model.briefingProperty().get().item().status()).isEqualTo(ReviewStatus.DENIED);
        assertThat(model.briefingProperty().get().item().reviewer()).isEqualTo("bob");
        assertThat(model.summaryProperty().get()).isEqualTo("No pending escalations");
        assertThat(model.recentlyDecided()).extracting(i -> i.traceId()).startsWith(second.traceId(),
                first.traceId());
    }

    @Test
    void aDenialNeedsANoteAndGatedActionsAreDecidedOneAtATime() {
        Decision first = refund(ws, 1200);
        Decision second = refund(ws, 1300);
        settle(() -> model.rows().size() == 2);

        assertThat(model.bulkProblem(List.of())).startsWith("Select an action first");
        model.approve(List.of(row(first.traceId()), row(second.traceId())), null);
        assertThat(model.messageIsErrorProperty().get()).isTrue();
        assertThat(model.messageProperty().get()).startsWith("Gated actions are decided one at a time");

        model.deny(List.of(row(first.traceId())), "  ");
        assertThat(model.messageProperty().get()).startsWith("A note is required to deny");
        assertThat(ws.queue().find(first.traceId()).orElseThrow().isPending()).isTrue();

        // an error stays until the next message: the person has to act on it
        ui.advance(StatusMessage.INFO_LIFETIME.multipliedBy(2));
        assertThat(model.messageProperty().get()).startsWith("A note is required to deny");
    }

    /** Issue 20 "never stale": an outcome line goes away, instead of staying for ten minutes. */
    @Test
    void anApprovalIsReportedAndTheLineExpires() {
        Decision first = refund(ws, 1200);
        settle(() -> model.rows().size() == 1);
        model.focus(row(first.traceId()));

        model.approve(List.of(row(first.traceId())), "ok");
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(model.messageIsErrorProperty().get()).isFalse();
        assertThat(model.messageProperty().get()).startsWith("Approved issue:refund of " + DemoAgents.REFUNDS + " as ")
                .endsWith("; the agent was released to run it.");
        ui.advance(StatusMessage.INFO_LIFETIME.minusSeconds(1));
        assertThat(model.messageProperty().get()).isNotEmpty();
        ui.advance(Duration.ofSeconds(1));
        assertThat(model.messageProperty().get()).isEmpty();

        settle(() -> model.rows().isEmpty());
        assertThat(model.briefingProperty().get().item().status()).isEqualTo(ReviewStatus.APPROVED);
    }

    @Test
    void theAgeColumnsClockMovesOnceASecondUntilClosed() {
        Instant start = model.nowProperty().get();
        assertThat(ui.waiting()).isEqualTo(1);
        ui.advance(Duration.ofSeconds(1));
        assertThat(model.nowProperty().get()).isAfterOrEqualTo(start);
        assertThat(ui.waiting()).isEqualTo(1); // the next tick
        model.close();
        ui.advance(Duration.ofSeconds(1));
        assertThat(ui.waiting()).isZero();
    }
}
