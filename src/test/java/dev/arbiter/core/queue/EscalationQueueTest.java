package dev.arbiter.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.decision.Decision;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.decision.ReasonCode;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.store.DataDirectory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EscalationQueueTest {

    @TempDir
    Path dir;
    Workspace ws;
    final List<Object> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        ws = Workspace.open(new DataDirectory(dir));
        DemoAgents.ensure(ws);
        ws.events().subscribe(EscalationQueued.class, seen::add);
        ws.events().subscribe(EscalationDecided.class, seen::add);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private Decision gatedRefund() {
        return ws.decisions().decide(DecisionRequest.of(DemoAgents.REFUNDS, "issue:refund")
                .withTarget(DemoAgents.TARGETS.get(DemoAgents.REFUNDS)).withAmount(2500.0)
                .withConfidence(0.9)).join();
    }

    @Test
    void addingAndDecidingPublishEachEventOnce() throws Exception {
        Decision d = gatedRefund();
        ws.queue().deny(d.traceId(), "alice", "duplicate request");
        Thread.sleep(500); // a change poll or two: the catch-up must not announce them again

        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).isInstanceOfSatisfying(EscalationQueued.class,
                e -> assertThat(e.item().traceId()).isEqualTo(d.traceId()));
        assertThat(seen.get(1)).isInstanceOfSatisfying(EscalationDecided.class, e -> {
            assertThat(e.item().status()).isEqualTo(ReviewStatus.DENIED);
            assertThat(e.item().reasonCode()).isEqualTo(ReasonCode.REVIEWER_DENIED);
            assertThat(e.item().reviewer()).isEqualTo("alice");
            assertThat(e.item().note()).isEqualTo("duplicate request");
        });
    }

    @Test
    void aDecisionMadeInAnotherProcessWakesWaitersAndIsAnnouncedHere() throws Exception {
        Decision d = gatedRefund();
        var waiting = ws.queue().whenDecided(d.traceId());
        try (Workspace desktop = Workspace.open(new DataDirectory(dir))) {
            desktop.queue().approve(d.traceId(), "alice", "ok");
        }
        QueueItem decided = waiting.get(60, TimeUnit.SECONDS);
        assertThat(decided.status()).isEqualTo(ReviewStatus.APPROVED);
        assertThat(decided.reviewer()).isEqualTo("alice");
        assertThat(seen).hasAtLeastOneElementOfType(EscalationDecided.class);
        assertThat(ws.queue().pending()).isEmpty();
    }

    @Test
    void anItemAddedByAnotherProcessIsAnnouncedHere() throws Exception {
        try (Workspace gateway = Workspace.open(new DataDirectory(dir))) {
            gateway.decisions().decide(DecisionRequest.of(DemoAgents.CLEANUP, "delete:stale_sessions")
                    .withTarget(DemoAgents.TARGETS.get(DemoAgents.CLEANUP))).join();
        }
        // the item is taken in, then announced on the change watcher's thread: await both, in no assumed order
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> !ws.queue().pending().isEmpty() && !seen.isEmpty());
        assertThat(ws.queue().pending()).singleElement().satisfies(i -> assertThat(i.action())
                .isEqualTo("delete:stale_sessions"));
        assertThat(seen).singleElement().isInstanceOf(EscalationQueued.class);
    }
}
