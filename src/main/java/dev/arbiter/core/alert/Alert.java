package dev.arbiter.core.alert;

import java.time.Duration;
import java.time.Instant;

/**
 * One raised alert: the rule, the agent, the window it counted over and the figures that crossed it
 * ({@code figures}, JSON), the ledger seq range of its evidence ({@code firstSeq..lastSeq}, for the
 * audit log and an incident opened from it), when the first anomalous entry was written and when the
 * alert was raised (their difference is the time to detect), its automatic response, and its triage.
 * {@code id} ({@code al-} and 12 hex digits) never changes.
 */
public record Alert(String id, RuleKind rule, String agentId, AlertStatus status, String summary, String figures,
                    Instant windowFrom, Instant windowTo, long firstSeq, long lastSeq, Instant firstAnomalyAt,
                    Instant raisedAt, Response response, String triagedBy, Instant triagedAt, String note,
                    String incidentRef) {

    public boolean isOpen() {
        return status == AlertStatus.OPEN;
    }

    /** First anomalous entry to alert; zero if the clocks disagree. */
    public Duration timeToDetect() {
        Duration d = Duration.between(firstAnomalyAt, raisedAt);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
