package dev.arbiter.core.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.decision.Decision;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.decision.ReasonCode;
import dev.arbiter.core.decision.TestClock;
import dev.arbiter.core.decision.Verdict;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.store.DataDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 §3: an approval has a lifetime that core enforces for every face,
 * with or without a sweeper, also right after a restart.
 */
class ApprovalLifetimeTest {

    @TempDir
    Path dir;
    final TestClock clock = new TestClock(Instant.parse("2026-11-30T10:00:00Z"));

    private Workspace open() {
        return Workspace.open(new DataDirectory(dir), clock);
    }

    private Decision gatedRefund(Workspace ws) {
        return ws.decisions().decide(DecisionRequest.of(DemoAgents.REFUNDS, "issue:refund").withTarget(DemoAgents.TARGETS.get(DemoAgents.REFUNDS)).withAmount(2500.0)
                .withConfidence(0.9)).join();
    }

    @Test
    void anApprovalAtOrAfterTheDeadlineIsRefusedAndTheAgentIsToldTimeout() {
        String trace;
        Instant due;
        try (Workspace ws = open()) {
            DemoAgents.ensure(ws);
            Decision d = gatedRefund(ws);
            trace = d.traceId();
            due = d.reviewDue();
        }
        // no process runs a sweeper; the CLI opens the workspace exactly at the deadline
        clock.advance(Duration.between(clock.instant(), due));
        try (Workspace cli = open()) {
            assertThatThrownBy(() -> cli.queue().approve(trace, "cli:alice", "looks fine"))
                    .isInstanceOf(ApprovalExpiredException.class)
                    .hasMessageContaining(trace)
                    .hasMessageContaining("timed out at " + due)
                    .hasMessageContaining("nothing was approved");
            QueueItem item = cli.queue().find(trace).orElseThrow();
            assertThat(item.status()).isEqualTo(ReviewStatus.DENIED);
            assertThat(item.reasonCode()).isEqualTo(ReasonCode.REVIEW_TIMEOUT);
            // a second attempt (deny this time) says the same, not "already denied by arbiter"
            assertThatThrownBy(() -> cli.queue().deny(trace, "cli:alice", null))
                    .isInstanceOf(ApprovalExpiredException.class);
        }
        try (Workspace gateway = open()) {
            Decision seen = gateway.decisions().find(trace).orElseThrow();
            assertThat(seen.verdict()).isEqualTo(Verdict.DENY);
            assertThat(seen.reasonCode()).isEqualTo(ReasonCode.REVIEW_TIMEOUT);
        }
    }

    @Test
    void oneMillisecondBeforeTheDeadlineAnApprovalStands() {
        try (Workspace ws = open()) {
            DemoAgents.ensure(ws);
            Decision d = gatedRefund(ws);
            clock.advance(Duration.between(clock.instant(), d.reviewDue()).minusMillis(1));
            QueueItem approved = ws.queue().approve(d.traceId(), "alice", null);
            assertThat(approved.reasonCode()).isEqualTo(ReasonCode.REVIEWER_APPROVED);
            clock.advance(Duration.ofHours(1));
            assertThat(ws.decisions().find(d.traceId()).orElseThrow().verdict()).isEqualTo(Verdict.ALLOW);
        }
    }

    @Test
    void afterARestartTheGatewayAnswersTimeoutBeforeAnySweeperRan() throws Exception {
        String trace;
        try (Workspace ws = open()) {
            DemoAgents.ensure(ws);
            trace = gatedRefund(ws).traceId();
        }
        clock.advance(Duration.ofDays(2));
        try (Workspace restarted = open()) {
            // find and the long poll, at once after opening: the sweeper's first run is a second away
            Decision found = restarted.decisions().find(trace).orElseThrow();
            assertThat(found.verdict()).isEqualTo(Verdict.DENY);
            assertThat(found.reasonCode()).isEqualTo(ReasonCode.REVIEW_TIMEOUT);
            CompletableFuture<Optional<Decision>> poll = restarted.decisions().whenSettled(trace);
            assertThat(poll).as("answered from the record, not after the sweeper's run").isDone();
            Decision polled = poll.join().orElseThrow();
            assertThat(polled.reasonCode()).isEqualTo(ReasonCode.REVIEW_TIMEOUT);
            // and what the agent was told is what stays: a later approval cannot turn it around
            assertThatThrownBy(() -> restarted.queue().approve(trace, "alice", null))
                    .isInstanceOf(ApprovalExpiredException.class);
        }
    }

    @Test
    void aProcessWithASlowClockCannotApproveWhatAnotherAlreadyTimedOut() {
        TestClock slow = new TestClock(clock.instant());
        try (Workspace gateway = open(); Workspace desktop = Workspace.open(new DataDirectory(dir), slow)) {
            DemoAgents.ensure(gateway);
            Decision d = gatedRefund(gateway);
            clock.advance(Duration.between(clock.instant(), d.reviewDue()).plusSeconds(1));
            assertThat(gateway.decisions().find(d.traceId()).orElseThrow().reasonCode())
                    .isEqualTo(ReasonCode.REVIEW_TIMEOUT);
            // the desktop's clock is a minute behind: by its clock the approval is in time, but the
            // timeout the agent was told is already written, and the first writer wins
            slow.advance(Duration.between(slow.instant(), d.reviewDue()).minusSeconds(60));
            assertThatThrownBy(() -> desktop.queue().approve(d.traceId(), "alice", null))
                    .isInstanceOf(ApprovalExpiredException.class);
        }
    }
}
