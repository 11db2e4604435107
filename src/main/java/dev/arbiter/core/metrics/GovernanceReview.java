package dev.arbiter.core.metrics;

import dev.arbiter.core.alert.Alert;
import dev.arbiter.core.incident.Incident;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * The monthly governance review (issue 16; the guide's "how do we measure governance effectiveness?",
 * reviewed monthly) as a board reads it: the month's figures, the same figures for the months before it
 * for the trend, and what is still open when the review is read.
 *
 * @param history       one entry per month, oldest first, ending with the reviewed month; at least one
 * @param openAlertCount alerts not yet triaged, raised in any month
 * @param openAlerts    the newest of them, at most {@link #LISTED_ALERTS}, newest first
 * @param openIncidents incidents not closed, opened in any month, newest first
 */
public record GovernanceReview(Instant computedAt, List<MonthlyMetrics> history, long openAlertCount,
                               List<Alert> openAlerts, List<Incident> openIncidents) {

    /** How many months the review's trend covers, the reviewed month included. */
    public static final int TREND_MONTHS = 6;
    /** At most this many open alerts are listed one by one (a board reads the count and the newest). */
    public static final int LISTED_ALERTS = 50;

    public GovernanceReview {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("a review needs at least its own month");
        }
        history = List.copyOf(history);
        openAlerts = List.copyOf(openAlerts);
        openIncidents = List.copyOf(openIncidents);
    }

    /** The reviewed month's figures. */
    public MonthlyMetrics current() {
        return history.get(history.size() - 1);
    }

    /** The reviewed month. */
    public YearMonth month() {
        return current().month();
    }
}
