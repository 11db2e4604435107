package dev.arbiter.desktop.metrics;

import dev.arbiter.core.metrics.AgentTrend;
import dev.arbiter.core.metrics.AlertFigures;
import dev.arbiter.core.metrics.TierCounts;
import java.time.Duration;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.Locale;

/** How the Metrics screen words its figures; "—" with a reason where there is nothing to average. */
final class MetricsText {

    private MetricsText() {
    }

    /** "November 2026". */
    static String month(YearMonth month) {
        return month.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + month.getYear();
    }

    /** A share 0 to 1 as a whole percentage, "25%". */
    static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    /** A duration for people: "850 ms", "42 s", "3 min 05 s", "2 h 10 min"; "—" for null. */
    static String duration(Duration d) {
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

    /** The guide's "escalations vs autonomous actions" headline: "12 : 240". */
    static String escalations(TierCounts total) {
        return (total.supervised() + total.gated()) + " : " + total.autonomous();
    }

    static String escalationsDetail(TierCounts total) {
        return percent(total.escalatedShare()) + " went to a person (" + total.supervised() + " supervised, "
                + total.gated() + " gated); " + total.denied() + " denied";
    }

    static String falsePositives(AlertFigures a) {
        Double rate = a.falsePositiveRate();
        return rate == null ? "—" : percent(rate);
    }

    static String falsePositivesDetail(AlertFigures a) {
        long triaged = a.truePositives() + a.falsePositives();
        return triaged == 0 ? "no alert triaged yet (" + a.raised() + " raised)"
                : a.falsePositives() + " of " + triaged + " triaged alerts; " + a.open() + " open";
    }

    static String detectDetail(AlertFigures a) {
        if (a.meanTimeToDetect() == null) {
            return "no alert raised";
        }
        String over = "over " + a.raised() + (a.raised() == 1 ? " alert" : " alerts");
        return a.meanTimeToAcknowledge() == null ? over + "; none acknowledged yet"
                : over + "; acknowledged after " + duration(a.meanTimeToAcknowledge()) + " on average";
    }

    /**
     * The change of the escalated share against the month before: "▲ 12.5 pts", "▼ 3.0 pts", "no change",
     * or "new" when the agent decided nothing the month before.
     */
    static String trend(AgentTrend t) {
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
