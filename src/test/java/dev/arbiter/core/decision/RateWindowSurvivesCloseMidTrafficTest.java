package dev.arbiter.core.decision;

import static dev.arbiter.core.demo.DemoAgents.SUPPORT;
import static dev.arbiter.core.demo.DemoAgents.TARGETS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.testing.StoreKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Attack 3 on the batched rate windows: the workspace is closed while four threads keep sending decisions, so
 * group commits are cut off mid-traffic. Every action answered allowed is in the ledger, and once reopened in the
 * same minute the window holds exactly the allowed actions the ledger holds: the events were written with their
 * entries, nothing of the window lived only in memory. Both stores.
 */
class RateWindowSurvivesCloseMidTrafficTest {

    private static final int LIMIT = 9;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aWindowCutOffByACloseHoldsEveryAllowedActionAfterReopening(StoreKind store) throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-03-16T14:23:01Z"));
        StoreKind.Place place = store.fresh(dir);
        Workspace ws = place.open(1, clock);
        DemoAgents.ensure(ws);
        SupportActionLimit.set(ws, LIMIT);

        List<CompletableFuture<Decision>> sent = new CopyOnWriteArrayList<>();
        AtomicInteger allowedAnswers = new AtomicInteger();
        AtomicBoolean closed = new AtomicBoolean();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread sender = new Thread(() -> {
                while (!closed.get() && sent.size() < 4_000) {
                    try {
                        CompletableFuture<Decision> d = ws.decisions().decide(request());
                        d.thenAccept(decision -> {
                            if (decision.verdict() == Verdict.ALLOW) {
                                allowedAnswers.incrementAndGet();
                            }
                        });
                        sent.add(d);
                    } catch (RuntimeException refusedAfterClose) {
                        return;
                    }
                }
            });
            sender.start();
            senders.add(sender);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> allowedAnswers.get() >= LIMIT / 2);
        ws.close();
        closed.set(true);
        for (Thread sender : senders) {
            sender.join(60_000);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> sent.stream().allMatch(CompletableFuture::isDone));
        long answeredAllowed = sent.stream().filter(f -> !f.isCompletedExceptionally())
                .map(CompletableFuture::join).filter(d -> d.verdict() == Verdict.ALLOW).count();

        try (Workspace reopened = place.open(1, clock)) {
            long allowedInLedger = allowedInLedger(reopened);
            assertThat(answeredAllowed).as("answered allowed, all durable").isLessThanOrEqualTo(allowedInLedger);
            assertThat(allowedInLedger).isLessThanOrEqualTo(LIMIT);
            int allowedAfter = 0;
            for (int i = 0; i < LIMIT + 3; i++) {
                if (reopened.decisions().decide(request()).join().verdict() == Verdict.ALLOW) {
                    allowedAfter++;
                }
            }
            assertThat(allowedInLedger + allowedAfter).as("%d allowed before the close, %d after",
                    allowedInLedger, allowedAfter).isEqualTo(LIMIT);
        }
    }

    private static DecisionRequest request() {
        return DecisionRequest.of(SUPPORT, "read:order_history").withTarget(TARGETS.get(SUPPORT));
    }

    private static long allowedInLedger(Workspace ws) {
        AtomicInteger allowed = new AtomicInteger();
        ws.auditReader().forEach(new AuditQuery(null, null, SUPPORT, "decision", null), e -> {
            if ("allow".equalsIgnoreCase(e.entry().decision())) {
                allowed.incrementAndGet();
            }
        });
        return allowed.get();
    }
}
