package dev.arbiter.desktop.alert;

import static org.awaitility.Awaitility.await;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.policy.DailyBudget;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** Raises real alerts the way the gateway would: a burst of policy denials goes through the detector. */
final class AlertBursts {

    private AlertBursts() {
    }

    static void register(Workspace ws, String agent) {
        ws.agents().add(new AgentProfile(agent, agent, "Ops", "", "", "", "", Set.of(), DailyBudget.NONE, null,
                null), "test");
    }

    /** Twelve denials a second apart (the default {@code denial_burst} needs 10 in a minute); waits for the detector. */
    static void denialBurst(Workspace ws, String agent, Instant from) {
        LedgerEntry last = null;
        for (int i = 0; i < 12; i++) {
            Instant at = from.plusSeconds(i);
            last = ws.ledger().append(AuditEntry.of("decision").timestamp(at).traceId("t-" + at.toEpochMilli())
                    .agentId(agent).action("read:secrets").riskScore(0.2).decision("deny").tier("autonomous")
                    .reasonCode("DENIED_BY_POLICY").actor("gateway").detail(AuditDetail.of("reason", "burst"))
                    .build());
        }
        long seq = last.seq();
        await().atMost(Duration.ofSeconds(60)).until(() -> ws.alerts().detector().lastExaminedSeq() >= seq);
    }
}
