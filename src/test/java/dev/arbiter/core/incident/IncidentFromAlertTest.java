package dev.arbiter.core.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.alert.Alert;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.policy.DailyBudget;
import dev.arbiter.testing.StoreKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alerts' "open an incident from it" reaches the incident register and freezes the alert's evidence. */
class IncidentFromAlertTest {

    @TempDir
    Path dir;

    @Test
    void anIncidentOpenedFromAnAlertNamesItsAgentPinsItsEvidenceAndIsLinkedBack() {
        try (Workspace ws = StoreKind.SQLITE.fresh(dir).open(1)) {
            ws.agents().add(new AgentProfile("ops-bot", "Ops bot", "Ops", "", "", "", "", Set.of(),
                    DailyBudget.NONE, null, null), "test");
            LedgerEntry last = null;
            Instant start = Instant.now();
            for (int i = 0; i < 12; i++) {
                last = ws.ledger().append(AuditEntry.of("decision").agentId("ops-bot").timestamp(start.plusSeconds(i))
                        .action("read:secrets").decision("deny").reasonCode("DENIED_BY_POLICY").build());
            }
            long lastSeq = last.seq();
            await().atMost(Duration.ofSeconds(60)).until(() -> ws.alerts().detector().lastExaminedSeq() >= lastSeq
                    && !ws.alerts().service().list(true, 10).isEmpty());
            Alert alert = ws.alerts().service().list(true, 10).get(0);

            String ref = ws.alerts().service().openIncident(alert.id(), "dana");

            Incident incident = ws.incidents().get(Long.parseLong(ref.substring("INC-".length())));
            assertThat(incident.agents()).containsExactly("ops-bot");
            assertThat(incident.title()).contains(alert.id());
            assertThat(incident.pinned()).isPresent();
            assertThat(ws.alerts().service().find(alert.id()).orElseThrow().incidentRef()).isEqualTo(ref);
            assertThat(ws.auditReader().newest(new AuditQuery(null, null, null, "alert.incident_opened", null), 5))
                    .hasSize(1);
        }
    }
}
