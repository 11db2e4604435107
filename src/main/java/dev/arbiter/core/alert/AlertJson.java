package dev.arbiter.core.alert;

import com.fasterxml.jackson.databind.util.RawValue;
import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditTime;

/**
 * The structured fields of {@code alert.*} ledger entries, which SIEM exports carry as they are: the
 * alert's id, rule, window, evidence seq range and the figures that crossed the rule.
 */
final class AlertJson {

    private AlertJson() {
    }

    static String raised(Alert a) {
        return AuditDetail.of("alert", a.id(), "rule", a.rule().key(), "summary", a.summary(),
                "window_from", AuditTime.format(a.windowFrom()), "window_to", AuditTime.format(a.windowTo()),
                "first_seq", a.firstSeq(), "last_seq", a.lastSeq(),
                "first_anomaly_at", AuditTime.format(a.firstAnomalyAt()),
                "time_to_detect_ms", a.timeToDetect().toMillis(),
                "figures", new RawValue(a.figures()), "response", a.response().key());
    }
}
