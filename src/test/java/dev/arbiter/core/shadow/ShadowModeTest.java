package dev.arbiter.core.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditQuery;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue 19 "Shadow mode" on both stores: recorded beside the real decision, never enforced, persisted, shared. */
class ShadowModeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLICY = "customer-support-agent";
    private static final String AGENT = DemoAgents.SUPPORT;
    private static final String TARGET = DemoAgents.TARGETS.get(AGENT);

    @TempDir
    Path dir;

    /** v2: also allows issue:refund, no longer read:order_history, and one action a minute. */
    private static int saveStricterAndLaxerV2(Workspace ws) {
        String yaml = ws.policies().active(POLICY).orElseThrow().yaml()
                .replace("    - create:support_ticket", "    - create:support_ticket\n    - issue:refund")
                .replace("    - read:order_history\n", "")
                .replace("actions_per_minute: 30", "actions_per_minute: 1");
        return ws.policies().save(yaml, "tester", "shadow candidate", false).version().version();
    }

    private static Decision decide(Workspace ws, String action) {
        return ws.decisions().decide(DecisionRequest.of(AGENT, action).withTarget(TARGET)).join();
    }

    private static JsonNode shadowOf(Workspace ws, Decision d) throws Exception {
        for (LedgerEntry e : ws.auditReader().forTrace(d.traceId())) {
            if ("decision".equals(e.entry().event())) {
                return JSON.readTree(e.entry().detail()).path("shadow");
            }
        }
        throw new AssertionError("no decision entry for " + d.traceId());
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void theShadowIsRecordedInTheSameEntryNeverEnforcedAndSharedAcrossProcessesAndRestarts(StoreKind kind)
            throws Exception {
        StoreKind.Place place = kind.fresh(dir);
        try (Workspace a = place.open(1); Workspace b = place.open(2)) {
            DemoAgents.ensure(a);
            int v2 = saveStricterAndLaxerV2(a);
            // b is another process: it learns of a's agents through its change watcher
            await().atMost(Duration.ofSeconds(60)).until(() -> b.agents().find(AGENT).isPresent()
                    && b.policies().version(POLICY, v2).isPresent());
            // started by another process: the gateway process sees it without a restart
            b.shadows().start(AGENT, POLICY, v2, "tester");
            await().atMost(Duration.ofSeconds(60)).until(() -> a.shadows().forAgent(AGENT).isPresent());

            Decision refund = decide(a, "issue:refund");
            assertThat(refund.reasonCode()).isEqualTo(ReasonCode.NOT_ALLOWED); // v1 decides
            JsonNode s = shadowOf(a, refund);
            assertThat(s.path("policy").asText()).isEqualTo(POLICY);
            assertThat(s.path("version").asInt()).isEqualTo(v2);
            assertThat(s.path("decision").asText()).isEqualTo("allow");
            assertThat(s.path("reason_code").asText()).isEqualTo("ALLOWED");
            assertThat(s.path("tier").asText()).isNotBlank();
            assertThat(s.path("reason").asText()).contains("shadow policy " + POLICY + " v" + v2);

            // three allowed by v1 (30 a minute); the shadow's one a minute is judged on the same windows
            List<Decision> profiles = List.of(decide(a, "read:customer_profile"), decide(a, "read:customer_profile"),
                    decide(a, "read:customer_profile"));
            assertThat(profiles).allMatch(d -> d.reasonCode() == ReasonCode.ALLOWED);
            // agreeing with the decision as written: the short form, which names the version and nothing more
            JsonNode agrees = shadowOf(a, profiles.get(0));
            assertThat(agrees.path("agrees").asBoolean()).isTrue();
            assertThat(agrees.path("policy").asText()).isEqualTo(POLICY);
            assertThat(agrees.path("version").asInt()).isEqualTo(v2);
            assertThat(agrees.has("reason_code")).isFalse();
            assertThat(shadowOf(a, profiles.get(1)).path("reason_code").asText()).isEqualTo("RATE_LIMITED");
            assertThat(shadowOf(a, profiles.get(2)).path("reason_code").asText()).isEqualTo("RATE_LIMITED");

            Decision history = decide(a, "read:order_history");
            assertThat(history.reasonCode()).isEqualTo(ReasonCode.ALLOWED);
            assertThat(shadowOf(a, history).path("reason_code").asText()).isEqualTo("NOT_ALLOWED");

            // never touching real counters: only v1's four allows are in the rate window, the shadow's none
            assertThat(rateEvents(a)).isEqualTo(4);

            ShadowReport report = new ShadowReports(b.auditReader()).run(null, null, null);
            assertThat(report.decisions()).isEqualTo(5);
            assertThat(report.failures()).isZero();
            assertThat(report.shadows()).containsExactly(POLICY + " v" + v2);
            assertThat(report.countsByKind()).containsEntry(ChangeKind.DENY_TO_ALLOW, 1L)
                    .containsEntry(ChangeKind.ALLOW_TO_DENY, 3L);
            assertThat(report.wouldAllowDenied()).singleElement()
                    .satisfies(c -> assertThat(c.recorded().traceId()).isEqualTo(refund.traceId()));
        }
        try (Workspace again = place.open(1)) {
            assertThat(again.shadows().list()).singleElement().satisfies(s -> {
                assertThat(s.agentId()).isEqualTo(AGENT);
                assertThat(s.startedBy()).isEqualTo("tester");
            });
            again.shadows().stop(AGENT, "tester");
            assertThat(again.shadows().forAgent(AGENT)).isEmpty();
            Decision after = decide(again, "issue:refund");
            assertThat(shadowOf(again, after).isMissingNode()).isTrue();
            assertThat(again.auditReader().count(new AuditQuery(null, null, AGENT, "policy.shadow_started", null)))
                    .isEqualTo(1);
            assertThat(again.auditReader().count(new AuditQuery(null, null, AGENT, "policy.shadow_stopped", null)))
                    .isEqualTo(1);
        }
    }

    private static long rateEvents(Workspace ws) {
        return ws.database().read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(events), 0) FROM rate_bucket WHERE agent_id = ?"
                    + " AND kind = 'action'")) {
                ps.setString(1, AGENT);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Test
    void aShadowThatCannotBeEvaluatedIsRecordedAsAFailureAndTheRealDecisionStands() throws Exception {
        try (Workspace ws = StoreKind.SQLITE.fresh(dir).open(1)) {
            DemoAgents.ensure(ws);
            // a version this Arbiter cannot read (written by a newer one, say): versions can only be added
            ws.database().write(tx -> {
                try (PreparedStatement ps = tx.connection().prepareStatement("INSERT INTO policy_version(name,"
                        + " version, yaml, sha256, author, note, created_at) VALUES (?, 9, ?, 'x', 'tester', null,"
                        + " '2026-01-01T00:00:00.000000Z')")) {
                    ps.setString(1, POLICY);
                    ps.setString(2, "agent_policy: [this is, not a policy");
                    ps.executeUpdate();
                }
                return null;
            });
            ws.shadows().start(AGENT, POLICY, 9, "tester");

            Decision allowed = decide(ws, "read:customer_profile");
            Decision denied = decide(ws, "write:payment_info");
            assertThat(allowed.reasonCode()).isEqualTo(ReasonCode.ALLOWED);
            assertThat(denied.reasonCode()).isEqualTo(ReasonCode.DENIED_BY_POLICY);
            assertThat(shadowOf(ws, allowed).path("error").asText()).contains("could not be evaluated");
            ShadowReport report = new ShadowReports(ws.auditReader()).run(AGENT, null, null);
            assertThat(report.decisions()).isEqualTo(2);
            assertThat(report.failures()).isEqualTo(2);
            assertThat(report.changes()).isEmpty();
        }
    }

    @Test
    void startAndStopSayWhatIsWrong() {
        try (Workspace ws = StoreKind.SQLITE.fresh(dir).open(1)) {
            DemoAgents.ensure(ws);
            assertThatThrownBy(() -> ws.shadows().start("nobody", POLICY, 1, "tester"))
                    .hasMessageContaining("no agent nobody");
            assertThatThrownBy(() -> ws.shadows().start(AGENT, POLICY, 42, "tester"))
                    .hasMessageContaining("has no version 42");
            assertThatThrownBy(() -> ws.shadows().start(AGENT, "no-such-policy", 1, "tester"))
                    .hasMessageContaining("no policy named no-such-policy");
            assertThatThrownBy(() -> ws.shadows().stop(AGENT, "tester"))
                    .hasMessageContaining("has no policy in shadow; no agent has one");
            assertThat(ws.auditReader().count(new AuditQuery(null, null, null, "policy.shadow_started", null))).isZero();
        }
    }
}
