package dev.arbiter.desktop.metrics;

import dev.arbiter.core.metrics.AgentTrend;
import dev.arbiter.core.metrics.AlertFigures;
import dev.arbiter.core.metrics.MetricsWording;
import dev.arbiter.core.metrics.TierCounts;
import java.time.Duration;
import java.time.YearMonth;

/** How the Metrics screen words its figures ({@link MetricsWording}, shared with the review PDF). */
final class MetricsText {

    private MetricsText() {
    }

    static String month(YearMonth month) {
        return MetricsWording.month(month);
    }

    static String percent(double share) {
        return MetricsWording.percent(share);
    }

    static String duration(Duration d) {
        return MetricsWording.duration(d);
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

    static String trend(AgentTrend t) {
        return MetricsWording.trend(t);
    }

    /** Under the incident count: how many came from alerts, and how many are not closed (any month). */
    static String incidentsDetail(dev.arbiter.core.metrics.MonthlyMetrics m) {
        return m.alerts().incidents() + " from alerts; " + m.incidents().notClosed() + " not closed (any month)";
    }
}
