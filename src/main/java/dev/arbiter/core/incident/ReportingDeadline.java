package dev.arbiter.core.incident;

import java.time.Duration;
import java.time.Instant;

/**
 * The EU AI Act Art. 73 report an incident owes: by {@code due} (awareness plus the class's clock),
 * sent at {@code reportedAt} (null while not sent).
 */
public record ReportingDeadline(SeriousIncidentClass classification, Instant awareAt, Instant due,
                                Instant reportedAt) {

    /** Where a deadline stands at one instant. */
    public enum State { MET, LATE, PENDING, OVERDUE }

    /** The deadline's state at {@code now}: met or late once reported, else pending or overdue. */
    public State stateAt(Instant now) {
        if (reportedAt != null) {
            return reportedAt.isAfter(due) ? State.LATE : State.MET;
        }
        return now.isAfter(due) ? State.OVERDUE : State.PENDING;
    }

    /** Time left until {@code due} at {@code now}; negative once overdue. */
    public Duration remainingAt(Instant now) {
        return Duration.between(now, due);
    }

    /** "due 2026-12-02 12:00 UTC (1 d 4 h left)" and the like, for lists and the report. */
    public String describeAt(Instant now) {
        String when = dev.arbiter.core.incident.IncidentText.time(due);
        return switch (stateAt(now)) {
            case MET -> "reported " + IncidentText.time(reportedAt) + ", due " + when;
            case LATE -> "reported late " + IncidentText.time(reportedAt) + ", was due " + when;
            case PENDING -> "due " + when + " (" + IncidentText.span(remainingAt(now)) + " left)";
            case OVERDUE -> "OVERDUE since " + when + " (" + IncidentText.span(remainingAt(now).negated()) + ")";
        };
    }
}
