package dev.arbiter.core.metrics;

import java.time.Duration;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * How the governance figures are worded for people, the same on the Metrics screen and in the monthly
 * review PDF; "—" where there is nothing to average.
 */
public final class MetricsWording {

    private MetricsWording() {
    }

    /** "November 2026". */
    public static String month(YearMonth month) {
        return month.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + month.getYear();
    }

    /** A share 0 to 1 as a whole percentage, "25%". */
    public static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    /** A duration for people: "850 ms", "42 s", "3 min 05 s", "2 h 10 min"; "—" for null. */
    public static String duration(Duration d) {
        if (d == null) {
            return "—";
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return d.toMillis() + " ms";
        }
        if (d.compareTo(Duration.ofMinutes(1)) < 0) {
            return d.toSeconds() + " s";
        }
        if (d.compareTo(Duration.ofHours(1)) < 0) {
            return String.format(Locale.ROOT, "%d min %02d s", d.toMinutes(), d.toSecondsPart());
        }
        return String.format(Locale.ROOT, "%d h %02d min", d.toHours(), d.toMinutesPart());
    }

    /**
     * The change of an agent's escalated share against the month before: "▲ 12.5 pts to a person",
     * "▼ 3.0 pts to a person", "no change", or "new this month" when it decided nothing the month before.
     */
    public static String trend(AgentTrend t) {
        if (t.previous().total() == 0) {
            return "new this month";
        }
        double points = t.escalatedChangePoints();
        if (Math.abs(points) < 0.05) {
            return "no change";
        }
        return String.format(Locale.ROOT, "%s %.1f pts to a person", points > 0 ? "▲" : "▼", Math.abs(points));
    }
}
