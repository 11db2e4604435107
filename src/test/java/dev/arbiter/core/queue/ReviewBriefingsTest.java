package dev.arbiter.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.decision.Decision;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.policy.DataClass;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a reviewer is shown about a queued action, and what the kill switch would deny. */
class ReviewBriefingsTest {

    @TempDir
    Path dir;
    Workspace ws;

    @BeforeEach
    void open() {
        ws = TestWorkspaces.open(dir);
        DemoAgents.ensure(ws);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private Decision refund(double amount) {
        return ws.decisions().decide(new DecisionRequest(DemoAgents.REFUNDS, "sess_1", "issue:refund",
                "Refund for a cancelled annual plan", "Cancelled on day 12 (confidence: 0.9)", 0.9,
                List.of("order_lookup", "payments_api"), 1200L, "payments-api.internal:443", amount,
                Set.of(DataClass.FINANCIAL), null, null,
                "{\"amount_usd\":" + amount + ",\"data_classes\":[\"Financial\"]}")).join();
    }

    @Test
    void aBriefingShowsWhatTheAgentSentAndTheFactorsThatMadeTheScore() {
        refund(40);
        Decision gated = refund(1450);

        ReviewBriefing b = ws.briefings().briefing(gated.traceId()).orElseThrow();

        assertThat(b.toolsUsed()).containsExactly("order_lookup", "payments_api");
        assertThat(b.target()).isEqualTo("payments-api.internal:443");
        assertThat(b.tokensConsumed()).isEqualTo(1200L);
        assertThat(b.context().amountUsd()).isEqualTo(1450.0);
        assertThat(b.context().dataClasses()).containsExactly(DataClass.FINANCIAL);
        assertThat(b.risk()).isNotNull();
        assertThat(b.risk().score()).isEqualTo(gated.riskScore());
        assertThat(b.risk().financial()).isEqualTo(1.0); // over the policy's $1,000 gated amount
        assertThat(b.item().reason()).contains("gated").contains("refunds-agent v1");
        assertThat(b.agent().id()).isEqualTo(DemoAgents.REFUNDS);
        assertThat(b.recentActions()).singleElement().extracting(RecentAction::entry).satisfies(e -> {
            assertThat(e.action()).isEqualTo("issue:refund");
            assertThat(e.traceId()).isNotEqualTo(gated.traceId());
        });
    }

    @Test
    void anEarlierEscalationIsShownAsWhatBecameOfItNotAsTheLedgersPending() {
        Decision approved = refund(1200);
        Decision denied = refund(1250);
        Decision waiting = refund(1300);
        Decision shown = refund(1400);
        ws.queue().approve(approved.traceId(), "alice", "checked");
        ws.queue().deny(denied.traceId(), "bob", "duplicate");

        List<RecentAction> recent = ws.briefings().briefing(shown.traceId()).orElseThrow().recentActions();

        assertThat(recent).extracting(r -> r.entry().traceId())
                .containsExactly(waiting.traceId(), denied.traceId(), approved.traceId());
        assertThat(recent).allSatisfy(r -> assertThat(r.entry().decision()).isEqualTo("pending"));
        assertThat(recent.get(0).isPending()).isTrue();
        assertThat(recent.get(1).review().status()).isEqualTo(ReviewStatus.DENIED);
        assertThat(recent.get(1).review().reviewer()).isEqualTo("bob");
        assertThat(recent.get(2).review().status()).isEqualTo(ReviewStatus.APPROVED);
        assertThat(recent.get(2).review().reviewer()).isEqualTo("alice");
        assertThat(recent.get(2).isPending()).isFalse();
    }

    @Test
    void theApprovalRateCountsOnlyWhatPeopleDecided() {
        Decision a = refund(1200);
        Decision b = refund(1300);
        Decision c = refund(1400);
        ws.queue().approve(a.traceId(), "alice", null);
        ws.queue().deny(b.traceId(), "alice", "duplicate");
        ws.killSwitch().engage(DemoAgents.REFUNDS, "looping", "bob");

        ReviewTally tally = ws.briefings().briefing(c.traceId()).orElseThrow().tally();

        assertThat(tally.approved()).isEqualTo(1);
        assertThat(tally.denied()).isEqualTo(1);
        assertThat(tally.stopped()).isEqualTo(1);
        assertThat(tally.approvalRate()).isEqualTo(0.5);
    }

    @Test
    void theKillSwitchImpactCountsPendingApprovalsAndTheirAgents() {
        refund(1500);
        refund(2500);
        refund(60); // supervised: it ran, the switch does not undo it
        ws.decisions().decide(DecisionRequest.of(DemoAgents.CLEANUP, "delete:stale_sessions")
                .withTarget(DemoAgents.TARGETS.get(DemoAgents.CLEANUP))).join();

        KillSwitchImpact all = ws.queue().killSwitchImpact(null);
        KillSwitchImpact refunds = ws.queue().killSwitchImpact(DemoAgents.REFUNDS);

        assertThat(all.deniedActions()).isEqualTo(3);
        assertThat(all.agents()).isEqualTo(2);
        assertThat(all.describe()).startsWith("3 pending actions of 2 agents will be denied at once")
                .contains("1 supervised action that already ran stays in the queue");
        assertThat(refunds.deniedActions()).isEqualTo(2);
        assertThat(refunds.describe()).startsWith("2 pending actions of refunds-agent will be denied at once");
        assertThat(ws.queue().killSwitchImpact(DemoAgents.SUPPORT).describe())
                .startsWith("No action of support-agent-v2 is waiting for approval");
    }
}
