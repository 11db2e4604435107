package dev.arbiter.core.alert;

import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Decision entries as the engine writes them, for one agent: a normal stream (office hours, a few
 * actions a minute from a fixed set, risk and confidence in range, rare denials, small costs) and
 * the planted anomalies of each rule.
 */
final class SyntheticStream {

    static final String AGENT = "ops-bot";
    static final List<String> ACTIONS = List.of("read:tickets", "write:tickets/replies", "read:kb/articles",
            "send:email/customer", "read:crm/accounts");

    private SyntheticStream() {
    }

    static AuditEntry decision(String agent, Instant at, String action, String verdict, String reason, double risk,
                               Double confidence, Double costUsd) {
        List<Object> detail = new ArrayList<>(List.of("reason", "synthetic"));
        if (confidence != null) {
            detail.add("confidence");
            detail.add(confidence);
        }
        if (costUsd != null) {
            detail.add("cost_usd");
            detail.add(costUsd);
        }
        return AuditEntry.of("decision").timestamp(at).traceId("t-" + at.toEpochMilli()).agentId(agent)
                .action(action).riskScore(risk).decision(verdict).tier("autonomous").reasonCode(reason)
                .actor("gateway").detail(AuditDetail.of(detail.toArray())).build();
    }

    static AuditEntry allowed(Instant at, String action) {
        return decision(AGENT, at, action, "allow", "ALLOWED", 0.2, 0.9, 0.01);
    }

    /**
     * {@code days} office days (09:00 to 17:00 UTC) from {@code start}: an active minute every ten
     * minutes with {@code perMinute} decisions; every seventh decision has risk 0.8 and every
     * eleventh is denied by policy, every thirteenth has confidence 0.3.
     */
    static List<AuditEntry> normal(String agent, Instant start, int days, int perMinute, long seed) {
        Random random = new Random(seed);
        List<AuditEntry> out = new ArrayList<>();
        int n = 0;
        for (int d = 0; d < days; d++) {
            for (int h = 9; h < 17; h++) {
                for (int m = 0; m < 60; m += 10) {
                    Instant minute = start.plus(Duration.ofDays(d)).plus(Duration.ofHours(h)).plus(Duration.ofMinutes(m));
                    for (int i = 0; i < perMinute; i++) {
                        n++;
                        Instant at = minute.plusMillis((long) i * 55_000 / perMinute + random.nextInt(500));
                        String action = n <= ACTIONS.size() ? ACTIONS.get(n - 1) : ACTIONS.get(random.nextInt(ACTIONS.size()));
                        double risk = n % 7 == 0 ? 0.8 : random.nextDouble() * 0.6;
                        double confidence = n % 13 == 0 ? 0.3 : 0.6 + random.nextDouble() * 0.4;
                        boolean denied = n % 11 == 0;
                        out.add(decision(agent, at, action, denied ? "deny" : "allow",
                                denied ? "DENIED_BY_POLICY" : "ALLOWED", risk, confidence, 0.01 + random.nextDouble() * 0.2));
                    }
                }
            }
        }
        return out;
    }
}
