package dev.arbiter.core.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.decision.Decision;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.decision.ReasonCode;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.policyqa.ChangeKind;
import dev.arbiter.core.policyqa.ShadowReport;
import dev.arbiter.core.policyqa.ShadowReports;
import dev.arbiter.testing.StoreKind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: the shadow report reads every form of the shadow record alike: the short form the engine
 * writes when the shadow agrees with the decision as written, the full form it writes when they differ,
 * and the full form of an agreeing answer that ledgers written before the short form hold.
 */
class ShadowRecordFormsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLICY = "customer-support-agent";
    private static final String AGENT = DemoAgents.SUPPORT;

    @TempDir
    Path dir;

    @Test
    void anOldLedgersFullAgreeingRecordReadsAsTheShortFormDoes() throws Exception {
        try (Workspace ws = StoreKind.SQLITE.fresh(dir).open(1)) {
            DemoAgents.ensure(ws);
            String yaml = ws.policies().active(POLICY).orElseThrow().yaml()
                    .replace("    - create:support_ticket", "    - create:support_ticket\n    - issue:refund");
            int v2 = ws.policies().save(yaml, "tester", "laxer", false).version().version();
            ws.shadows().start(AGENT, POLICY, v2, "tester");

            Decision same = decide(ws, "read:customer_profile");
            Decision refund = decide(ws, "issue:refund");
            assertThat(same.reasonCode()).isEqualTo(ReasonCode.ALLOWED);
            assertThat(refund.reasonCode()).isEqualTo(ReasonCode.NOT_ALLOWED);
            ShadowReport shortForm = new ShadowReports(ws.auditReader()).run(AGENT, null, null);

            // the same agreeing decision once more, as an older Arbiter recorded it: the shadow in full
            AuditEntry e = entryOf(ws, same);
            ObjectNode detail = (ObjectNode) JSON.readTree(e.detail());
            assertThat(detail.path("shadow").path("agrees").asBoolean()).isTrue();
            detail.putObject("shadow").put("policy", POLICY).put("version", v2).put("decision", "allow")
                    .put("tier", e.tier()).put("reason_code", "ALLOWED")
                    .put("reason", "read:customer_profile is allowed (shadow policy " + POLICY + " v" + v2 + ")");
            ws.ledger().appendAsync(copy(e, JSON.writeValueAsString(detail))).join();
            ShadowReport withOld = new ShadowReports(ws.auditReader()).run(AGENT, null, null);

            assertThat(shortForm.decisions()).isEqualTo(2);
            assertThat(withOld.decisions()).isEqualTo(3);
            for (ShadowReport r : new ShadowReport[] {shortForm, withOld}) {
                assertThat(r.failures()).isZero();
                assertThat(r.shadows()).containsExactly(POLICY + " v" + v2);
                assertThat(r.changed()).isEqualTo(1);
                assertThat(r.countsByKind()).containsEntry(ChangeKind.DENY_TO_ALLOW, 1L);
                assertThat(r.wouldAllowDenied()).singleElement()
                        .satisfies(c -> assertThat(c.recorded().traceId()).isEqualTo(refund.traceId()));
            }
        }
    }

    private static Decision decide(Workspace ws, String action) {
        return ws.decisions().decide(DecisionRequest.of(AGENT, action).withTarget(DemoAgents.TARGETS.get(AGENT)))
                .join();
    }

    private static AuditEntry entryOf(Workspace ws, Decision d) {
        for (LedgerEntry e : ws.auditReader().forTrace(d.traceId())) {
            if ("decision".equals(e.entry().event())) {
                return e.entry();
            }
        }
        throw new AssertionError("no decision entry for " + d.traceId());
    }

    private static AuditEntry copy(AuditEntry e, String detail) {
        return AuditEntry.of(e.event()).timestamp(e.timestamp()).traceId(e.traceId() + "-old").agentId(e.agentId())
                .sessionId(e.sessionId()).action(e.action()).inputSummary(e.inputSummary()).reasoning(e.reasoning())
                .toolsUsed(e.toolsUsed()).tokensConsumed(e.tokensConsumed()).riskScore(e.riskScore())
                .decision(e.decision()).tier(e.tier()).reasonCode(e.reasonCode()).actor(e.actor()).detail(detail)
                .build();
    }
}
