package dev.arbiter.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.metrics.AgentTrend;
import dev.arbiter.core.metrics.AlertFigures;
import dev.arbiter.core.metrics.MonthlyMetrics;
import dev.arbiter.core.metrics.ReviewerStats;
import dev.arbiter.core.metrics.TierCounts;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code arbiter metrics [--month 2026-11] [--json]}: the monthly governance metrics. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Governance metrics of a UTC month: decisions by outcome and trend per agent, reviewers' "
                + "approval rate, time to decide and rubber-stamp warnings, alerts' time to detect and acknowledge, "
                + "false-positive rate and incidents.")
final class MetricsCommand implements Callable<Integer> {

    @Mixin WorkspaceOptions workspace;
    @Spec CommandSpec spec;
    @Option(names = "--month", paramLabel = "YYYY-MM", description = "The month (UTC); default: this month.")
    String month;
    @Option(names = "--json", description = "Print JSON instead of tables.") boolean json;

    @Override
    public Integer call() throws Exception {
        YearMonth m = MonthArgument.parse(month);
        try (Workspace ws = workspace.open()) {
            MonthlyMetrics metrics = ws.metrics().month(m);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(asMap(metrics)));
            } else {
                print(out, metrics);
            }
            out.flush();
            return 0;
        }
    }

    private static void print(PrintWriter out, MonthlyMetrics m) {
        out.println("Governance metrics for " + m.month() + " (UTC)");
        out.println();
        if (m.agents().isEmpty()) {
            out.println("No decisions this month.");
        } else {
            TextTable t = new TextTable(List.of("AGENT", "AUTONOMOUS", "SUPERVISED", "GATED", "DENIED", "ESCALATED",
                    "TREND"), 32, 10, 10, 8, 8, 9, 30);
            for (AgentTrend a : m.agents()) {
                TierCounts c = a.month();
                t.row(c.agentId(), Long.toString(c.autonomous()), Long.toString(c.supervised()),
                        Long.toString(c.gated()), Long.toString(c.denied()), percent(c.escalatedShare()),
                        a.previous().total() == 0 ? "no previous month"
                                : String.format(Locale.ROOT, "%+.1f pts escalated", a.escalatedChangePoints()));
            }
            t.print(out);
        }
        out.println();
        if (m.reviewers().isEmpty()) {
            out.println("No reviews this month.");
        } else {
            TextTable t = new TextTable(List.of("REVIEWER", "REVIEWS", "APPROVED", "MEDIAN", "MEAN", "STREAK",
                    "WARNINGS"), 32, 8, 8, 9, 9, 6, 60);
            for (ReviewerStats r : m.reviewers()) {
                t.row(r.reviewer(), Long.toString(r.reviews()), percent(r.approvalRate()),
                        duration(r.medianTimeToDecide()), duration(r.meanTimeToDecide()),
                        Long.toString(r.longestApprovalStreak()),
                        r.warnings().isEmpty() ? "-" : "rubber stamp? " + String.join("; ", r.warnings()));
            }
            t.print(out);
        }
        out.println();
        AlertFigures a = m.alerts();
        out.println("Alerts raised          " + a.raised() + " (" + a.truePositives() + " true, " + a.falsePositives()
                + " false positive, " + a.open() + " open)");
        out.println("Mean time to detect    " + duration(a.meanTimeToDetect()));
        out.println("Mean time to ack       " + duration(a.meanTimeToAcknowledge()));
        out.println("False-positive rate    " + (a.falsePositiveRate() == null ? "- (none triaged)"
                : percent(a.falsePositiveRate())));
        out.println("Incidents opened       " + m.incidents().opened() + " (" + a.incidents() + " from alerts; "
                + m.incidents().notClosed() + " not closed, any month)");
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private static String duration(Duration d) {
        if (d == null) {
            return "-";
        }
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 120_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return ms < 7_200_000 ? ms / 60_000 + " min" : String.format(Locale.ROOT, "%.1f h", ms / 3_600_000.0);
    }

    private static Map<String, Object> asMap(MonthlyMetrics m) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("month", m.month().toString());
        root.put("computed_at", m.computedAt().toString());
        List<Object> agents = new ArrayList<>();
        for (AgentTrend a : m.agents()) {
            Map<String, Object> row = counts(a.month());
            row.put("previous_month", counts(a.previous()));
            row.put("escalated_change_points", round(a.escalatedChangePoints()));
            agents.add(row);
        }
        root.put("agents", agents);
        root.put("total", counts(m.total()));
        List<Object> reviewers = new ArrayList<>();
        for (ReviewerStats r : m.reviewers()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("reviewer", r.reviewer());
            row.put("reviews", r.reviews());
            row.put("approvals", r.approvals());
            row.put("approval_rate", round(r.approvalRate()));
            row.put("median_time_to_decide_ms", r.medianTimeToDecide().toMillis());
            row.put("mean_time_to_decide_ms", r.meanTimeToDecide().toMillis());
            row.put("quick_share", round(r.quickShare()));
            row.put("longest_approval_streak", r.longestApprovalStreak());
            row.put("rubber_stamp_warnings", r.warnings());
            reviewers.add(row);
        }
        root.put("reviewers", reviewers);
        AlertFigures a = m.alerts();
        Map<String, Object> alerts = new LinkedHashMap<>();
        alerts.put("raised", a.raised());
        alerts.put("true_positives", a.truePositives());
        alerts.put("false_positives", a.falsePositives());
        alerts.put("open", a.open());
        alerts.put("mean_time_to_detect_ms", a.meanTimeToDetect() == null ? null : a.meanTimeToDetect().toMillis());
        alerts.put("mean_time_to_acknowledge_ms", a.meanTimeToAcknowledge() == null ? null
                : a.meanTimeToAcknowledge().toMillis());
        alerts.put("false_positive_rate", a.falsePositiveRate() == null ? null : round(a.falsePositiveRate()));
        alerts.put("incidents", a.incidents());
        root.put("alerts", alerts);
        Map<String, Object> incidents = new LinkedHashMap<>();
        incidents.put("opened", m.incidents().opened());
        incidents.put("not_closed", m.incidents().notClosed());
        root.put("incidents", incidents);
        return root;
    }

    private static Map<String, Object> counts(TierCounts c) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("agent_id", c.agentId());
        row.put("autonomous", c.autonomous());
        row.put("supervised", c.supervised());
        row.put("gated", c.gated());
        row.put("denied", c.denied());
        row.put("escalated_share", round(c.escalatedShare()));
        return row;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
