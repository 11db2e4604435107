package dev.arbiter.core.metrics;

import java.time.Duration;

/**
 * The month's alerts (the guide's metrics "mean time to detect agent anomalies", "false-positive rate
 * on alerts" and "incident count"): raised, triaged true and false, still open; mean time from the
 * first anomalous entry to the alert, and from the alert to its triage (null when nothing to average);
 * incidents opened from alerts (until the incident register counts them itself).
 */
public record AlertFigures(long raised, long truePositives, long falsePositives, long open,
                           Duration meanTimeToDetect, Duration meanTimeToAcknowledge, long incidents) {

    /** False positives out of triaged alerts, 0 to 1; null when none was triaged. */
    public Double falsePositiveRate() {
        long triaged = truePositives + falsePositives;
        return triaged == 0 ? null : (double) falsePositives / triaged;
    }
}
