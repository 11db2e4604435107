package dev.arbiter.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.demo.DemoAgents;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resuming an agent that used up its time-boxed autonomy is a review, and the ledger says so. */
class OversightResumeTest {

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

    private AuditEntry lastResume() {
        return ws.auditReader().newest(new AuditQuery(null, null, DemoAgents.SUPPORT, "agent.resumed", null), 1)
                .get(0).entry();
    }

    @Test
    void resumingAfterAnOversightPauseIsRecordedAsAReview() {
        ws.agents().pauseForOversight(DemoAgents.SUPPORT, "200 actions without a human review", "gateway");
        assertThat(ws.agents().find(DemoAgents.SUPPORT).orElseThrow().isPausedForOversight()).isTrue();

        ws.agents().resume(DemoAgents.SUPPORT, "Checked the last 200 tickets", "alice");

        AuditEntry resumed = lastResume();
        assertThat(resumed.actor()).isEqualTo("alice");
        assertThat(resumed.humanOverride()).isTrue();
        assertThat(resumed.detail()).contains("\"review\":\"time-boxed autonomy\"")
                .contains("200 actions without a human review");
    }

    @Test
    void resumingAfterAnOrdinaryPauseIsNotAReview() {
        ws.agents().pause(DemoAgents.SUPPORT, "odd refunds", "alice");
        assertThat(ws.agents().find(DemoAgents.SUPPORT).orElseThrow().isPausedForOversight()).isFalse();

        ws.agents().resume(DemoAgents.SUPPORT, "fixed", "alice");

        assertThat(lastResume().detail()).doesNotContain("review");
    }
}
