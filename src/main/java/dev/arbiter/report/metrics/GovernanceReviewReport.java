package dev.arbiter.report.metrics;

import dev.arbiter.core.Version;
import dev.arbiter.core.alert.Alert;
import dev.arbiter.core.incident.Incident;
import dev.arbiter.core.metrics.AgentTrend;
import dev.arbiter.core.metrics.AlertFigures;
import dev.arbiter.core.metrics.GovernanceReview;
import dev.arbiter.core.metrics.MetricsWording;
import dev.arbiter.core.metrics.MonthlyMetrics;
import dev.arbiter.core.metrics.ReviewerStats;
import dev.arbiter.core.metrics.RubberStamp;
import dev.arbiter.core.metrics.TierCounts;
import dev.arbiter.report.Charts;
import dev.arbiter.report.ReportDocument;
import dev.arbiter.report.ReportDocument.Callout;
import dev.arbiter.report.ReportDocument.Fact;
import dev.arbiter.report.ReportTime;
import dev.arbiter.report.Table;
import dev.arbiter.report.TextStyle;
import java.awt.Color;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The monthly governance review (issue 16), written for a board: a title page with the guide's four
 * governance-effectiveness figures ("How do we measure governance effectiveness?": escalations vs
 * autonomous actions, mean time to detect agent anomalies, false-positive rate on alerts, incident
 * count) and a headline; the same four over the previous months as a table and charts; each agent's
 * balance of autonomous, supervised, gated and denied decisions (the guide: "trending toward appropriate
 * balance") as a chart and a table; each reviewer's approval rate and time to decide with rubber-stamp
 * warnings; detection and response (MTTD, MTTA, triage); the alerts and incidents still open. The
 * desktop's Metrics export and {@code arbiter report governance} both call {@link #write}.
 */
public final class GovernanceReviewReport {

    static final Color AUTONOMOUS = new Color(0x1A, 0x7F, 0x37);
    static final Color SUPERVISED = new Color(0x09, 0x69, 0xDA);
    static final Color GATED = new Color(0x9A, 0x67, 0x00);
    static final Color DENIED = new Color(0xCF, 0x22, 0x2E);
    /** Agents per balance chart: a chart stays readable; the table lists every agent. */
    static final int CHARTED_AGENTS = 12;

    private final GovernanceReview review;
    private final ZoneId zone;
    private final String author;

    /** @param zone the zone the generation time is printed in (the figures are UTC months) */
    public GovernanceReviewReport(GovernanceReview review, ZoneId zone, String author) {
        this.review = review;
        this.zone = zone;
        this.author = author;
    }

    /** Writes the report to {@code out}. @throws dev.arbiter.report.ReportException naming the file */
    public void write(Path out) {
        String month = MetricsWording.month(review.month());
        ReportDocument.Setup setup = new ReportDocument.Setup("Governance review", month + " (UTC)",
                "Arbiter " + Version.current() + " · generated " + ReportTime.stamp(review.computedAt(), zone),
                Optional.empty(), author);
        try (ReportDocument doc = ReportDocument.create(setup)) {
            titlePage(doc, month);
            doc.newPage();
            effectiveness(doc);
            agents(doc);
            reviewers(doc);
            detection(doc);
            doc.save(out);
        }
    }

    // ---- title page

    private void titlePage(ReportDocument doc, String month) {
        MonthlyMetrics m = review.current();
        TierCounts total = m.total();
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Period", month + ", UTC" + (review.computedAt().isBefore(
                review.month().plusMonths(1).atDay(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant())
                ? " (month still running: counted up to " + ReportTime.stamp(review.computedAt(), zone) + ")" : "")));
        facts.add(new Fact("Escalations vs autonomous", escalations(total)));
        facts.add(new Fact("Mean time to detect", MetricsWording.duration(m.alerts().meanTimeToDetect())
                + " (to acknowledge: " + MetricsWording.duration(m.alerts().meanTimeToAcknowledge()) + ")"));
        facts.add(new Fact("False-positive rate of alerts", falsePositives(m.alerts())));
        facts.add(new Fact("Incidents opened", m.incidents().opened() + " (" + m.alerts().incidents()
                + " from alerts)"));
        facts.add(new Fact("Open now", review.openAlertCount() + plural(review.openAlertCount(), " alert", " alerts")
                + " awaiting triage, " + review.openIncidents().size()
                + plural(review.openIncidents().size(), " incident", " incidents") + " not closed"));
        doc.titlePage("Agentic AI governance · Monthly review", "Governance review", month, Optional.of(headline()),
                facts);
    }

    /** The one line a board reads first: what needs its attention, else that nothing does. */
    private Callout headline() {
        MonthlyMetrics m = review.current();
        List<String> attention = new ArrayList<>();
        long stamped = m.reviewers().stream().filter(r -> !r.warnings().isEmpty()).count();
        if (stamped > 0) {
            attention.add(stamped + plural(stamped, " reviewer", " reviewers") + " with rubber-stamp warnings");
        }
        if (review.openAlertCount() > 0) {
            attention.add(review.openAlertCount() + plural(review.openAlertCount(), " alert", " alerts")
                    + " not triaged");
        }
        if (!review.openIncidents().isEmpty()) {
            attention.add(review.openIncidents().size() + plural(review.openIncidents().size(), " incident",
                    " incidents") + " not closed");
        }
        String how = "Figures from the audit ledger, the escalation queue, alert triage and the incident register, "
                + "for the UTC month; trends compare the " + review.history().size() + " months up to it.";
        if (m.total().total() == 0 && m.reviewers().isEmpty() && m.alerts().raised() == 0) {
            return new Callout("No agent activity recorded this month", how, TextStyle.WARN);
        }
        if (attention.isEmpty()) {
            return new Callout("Nothing needs the board's attention", how, TextStyle.GOOD);
        }
        return new Callout("Needs attention: " + String.join(", ", attention), how,
                stamped > 0 || !review.openIncidents().isEmpty() ? TextStyle.BAD : TextStyle.WARN);
    }

    // ---- 1. the four figures and their trend

    private void effectiveness(ReportDocument doc) {
        doc.heading("1. Governance effectiveness", 1);
        doc.paragraph("The guide's four measures of governance effectiveness, reviewed monthly, for "
                + MetricsWording.month(review.month()) + " and the months before it. A month with nothing to "
                + "average shows —.", TextStyle.SMALL);
        List<MonthlyMetrics> h = review.history();
        Table.Column[] columns = new Table.Column[h.size() + 1];
        columns[0] = Table.column("Measure", 2.2f);
        for (int i = 0; i < h.size(); i++) {
            columns[i + 1] = Table.column(shortMonth(h.get(i)), 1, Table.Align.RIGHT);
        }
        Table t = Table.of(columns);
        t.row(row("Escalated : autonomous", h, x -> (x.total().supervised() + x.total().gated()) + " : "
                + x.total().autonomous()));
        t.row(row("Share that went to a person", h, x -> x.total().total() == 0 ? "—"
                : MetricsWording.percent(x.total().escalatedShare())));
        t.row(row("Denied", h, x -> Long.toString(x.total().denied())));
        t.row(row("Mean time to detect", h, x -> MetricsWording.duration(x.alerts().meanTimeToDetect())));
        t.row(row("Mean time to acknowledge", h, x -> MetricsWording.duration(x.alerts().meanTimeToAcknowledge())));
        t.row(row("Alerts raised", h, x -> Long.toString(x.alerts().raised())));
        t.row(row("False-positive rate", h, x -> x.alerts().falsePositiveRate() == null ? "—"
                : MetricsWording.percent(x.alerts().falsePositiveRate())));
        t.row(row("Incidents opened", h, x -> Long.toString(x.incidents().opened())));
        doc.table(t);
        doc.spacer(8);
        List<String> months = h.stream().map(GovernanceReviewReport::shortMonth).toList();
        float w = (doc.contentWidth() - 12) / 2;
        doc.charts(List.of(
                Charts.periodBars("Share of decisions that went to a person", "%", months,
                        values(h, x -> x.total().total() == 0 ? null : x.total().escalatedShare() * 100),
                        SUPERVISED, "{2}%"),
                Charts.periodBars("Mean time to detect", "seconds", months,
                        values(h, x -> seconds(x.alerts().meanTimeToDetect())), TextStyle.ACCENT, "{2} s")), w, 140);
        doc.charts(List.of(
                Charts.periodBars("False-positive rate of triaged alerts", "%", months,
                        values(h, x -> x.alerts().falsePositiveRate() == null ? null
                                : x.alerts().falsePositiveRate() * 100), GATED, "{2}%"),
                Charts.periodBars("Incidents opened", "incidents", months,
                        values(h, x -> (double) x.incidents().opened()), DENIED, "{2}")), w, 140);
    }

    private static Object[] row(String label, List<MonthlyMetrics> h, Function<MonthlyMetrics, String> cell) {
        Object[] row = new Object[h.size() + 1];
        row[0] = label;
        for (int i = 0; i < h.size(); i++) {
            row[i + 1] = cell.apply(h.get(i));
        }
        return row;
    }

    private static List<Double> values(List<MonthlyMetrics> h, Function<MonthlyMetrics, Double> value) {
        List<Double> v = new ArrayList<>(h.size());
        for (MonthlyMetrics m : h) {
            v.add(value.apply(m));
        }
        return v;
    }

    // ---- 2. agents

    private void agents(ReportDocument doc) {
        List<AgentTrend> agents = review.current().agents();
        doc.heading("2. Agents: balance of autonomy", 1);
        if (agents.isEmpty()) {
            doc.paragraph("No agent decided anything this month.");
            return;
        }
        doc.paragraph("Each agent's decisions by outcome. The guide asks that the balance trend toward what the "
                + "risk warrants: a rising share that goes to a person may mean an agent drifts; a falling one, "
                + "that its autonomy grew.", TextStyle.SMALL);
        List<AgentTrend> charted = agents.stream()
                .sorted((a, b) -> Long.compare(b.month().total(), a.month().total())).limit(CHARTED_AGENTS).toList();
        List<String> names = charted.stream().map(a -> a.month().agentId()).toList();
        List<Charts.Series> series = List.of(
                new Charts.Series("Autonomous", AUTONOMOUS, charted.stream().map(a -> (double) a.month().autonomous()).toList()),
                new Charts.Series("Supervised", SUPERVISED, charted.stream().map(a -> (double) a.month().supervised()).toList()),
                new Charts.Series("Gated", GATED, charted.stream().map(a -> (double) a.month().gated()).toList()),
                new Charts.Series("Denied", DENIED, charted.stream().map(a -> (double) a.month().denied()).toList()));
        String title = agents.size() > CHARTED_AGENTS ? "Outcome mix, the " + CHARTED_AGENTS + " busiest agents"
                : "Outcome mix per agent";
        doc.chart(Charts.shareBars(title, names, series), doc.contentWidth(), 50 + 22f * charted.size());
        Table t = Table.of(Table.column("Agent", 2f), Table.column("Autonomous", 1.3f, Table.Align.RIGHT),
                Table.column("Supervised", 1.3f, Table.Align.RIGHT), Table.column("Gated", 0.8f, Table.Align.RIGHT),
                Table.column("Denied", 0.9f, Table.Align.RIGHT), Table.column("To a person", 1.1f, Table.Align.RIGHT),
                Table.column("Against the month before", 2.2f));
        for (AgentTrend a : agents) {
            TierCounts c = a.month();
            t.row(c.agentId(), c.autonomous(), c.supervised(), c.gated(), c.denied(),
                    MetricsWording.percent(c.escalatedShare()), MetricsWording.trend(a));
        }
        doc.table(t);
    }

    // ---- 3. reviewers

    private void reviewers(ReportDocument doc) {
        List<ReviewerStats> reviewers = review.current().reviewers();
        doc.heading("3. Reviewers: approvals and time to decide", 1);
        if (reviewers.isEmpty()) {
            doc.paragraph("No queued action was approved or denied by a person this month.");
            return;
        }
        List<ReviewerStats> stamped = reviewers.stream().filter(r -> !r.warnings().isEmpty()).toList();
        if (!stamped.isEmpty()) {
            doc.callout(new Callout("Possible rubber-stamping", String.join("; ", stamped.stream()
                    .map(r -> r.reviewer() + ": " + String.join(", ", r.warnings())).toList())
                    + ". A person who approves everything is no control: look at how these reviews were made.",
                    TextStyle.BAD));
        }
        doc.paragraph("Warned when at least " + RubberStamp.MIN_REVIEWS + " reviews and "
                + MetricsWording.percent(RubberStamp.QUICK_SHARE) + " or more of them were decided within "
                + RubberStamp.QUICK.toSeconds() + " s of being queued, or after " + RubberStamp.STREAK
                + " approvals in a row.", TextStyle.SMALL);
        Table t = Table.of(Table.column("Reviewer", 1.8f), Table.column("Reviews", 1.1f, Table.Align.RIGHT),
                Table.column("Approved", 1.2f, Table.Align.RIGHT), Table.column("Median time", 1.1f, Table.Align.RIGHT),
                Table.column("Mean time", 1.1f, Table.Align.RIGHT), Table.column("Longest run of approvals", 1.2f,
                        Table.Align.RIGHT), Table.column("Warning", 2.2f));
        for (ReviewerStats r : reviewers) {
            boolean warned = !r.warnings().isEmpty();
            TextStyle style = warned ? TextStyle.BODY.withColor(TextStyle.BAD) : TextStyle.BODY;
            t.row(Table.Cell.of(r.reviewer()).style(warned ? TextStyle.BODY_BOLD.withColor(TextStyle.BAD)
                            : TextStyle.BODY), r.reviews(), MetricsWording.percent(r.approvalRate()),
                    MetricsWording.duration(r.medianTimeToDecide()), MetricsWording.duration(r.meanTimeToDecide()),
                    r.longestApprovalStreak(),
                    Table.Cell.of(warned ? String.join("; ", r.warnings()) : "none").style(style));
        }
        doc.table(t);
    }

    // ---- 4. detection, response, what is open

    private void detection(ReportDocument doc) {
        AlertFigures a = review.current().alerts();
        doc.heading("4. Detection and response", 1);
        doc.facts(List.of(
                new Fact("Alerts raised", a.raised() + " (" + a.truePositives() + " true positive, "
                        + a.falsePositives() + " false positive, " + a.open() + " not triaged)"),
                new Fact("Mean time to detect", MetricsWording.duration(a.meanTimeToDetect())
                        + " from the first anomalous decision to its alert"),
                new Fact("Mean time to acknowledge", MetricsWording.duration(a.meanTimeToAcknowledge())
                        + " from the alert to its triage"),
                new Fact("False-positive rate", falsePositives(a))));
        doc.heading("Alerts awaiting triage (any month)", 2);
        if (review.openAlerts().isEmpty()) {
            doc.paragraph("None: every alert has been triaged.");
        } else {
            if (review.openAlertCount() > review.openAlerts().size()) {
                doc.paragraph("The newest " + review.openAlerts().size() + " of " + review.openAlertCount()
                        + "; arbiter alert list shows them all.", TextStyle.SMALL);
            }
            Table t = Table.of(Table.column("Raised", 1.4f), Table.column("Rule", 1.4f), Table.column("Agent", 1.2f),
                    Table.column("What crossed the rule", 3));
            for (Alert al : review.openAlerts()) {
                t.row(ReportTime.stamp(al.raisedAt(), zone), al.rule().label(), al.agentId() == null ? "—"
                        : al.agentId(), al.summary());
            }
            doc.table(t);
        }
        doc.heading("Incidents not closed (any month)", 2);
        if (review.openIncidents().isEmpty()) {
            doc.paragraph("None.");
        } else {
            Table t = Table.of(Table.column("#", 0.4f), Table.column("Title", 3), Table.column("Severity", 1),
                    Table.column("Status", 1), Table.column("Opened", 1.5f));
            for (Incident i : review.openIncidents()) {
                t.row(i.id(), i.title(), word(i.severity().name()), word(i.status().name()),
                        ReportTime.stamp(i.openedAt(), zone));
            }
            doc.table(t);
        }
    }

    // ---- wording

    private static String escalations(TierCounts total) {
        if (total.total() == 0) {
            return "— (no decisions)";
        }
        return (total.supervised() + total.gated()) + " : " + total.autonomous() + " ("
                + MetricsWording.percent(total.escalatedShare()) + " went to a person; " + total.denied() + " denied)";
    }

    private static String falsePositives(AlertFigures a) {
        long triaged = a.truePositives() + a.falsePositives();
        return triaged == 0 ? "— (no alert triaged; " + a.raised() + " raised)"
                : MetricsWording.percent(a.falsePositiveRate()) + " (" + a.falsePositives() + " of " + triaged
                + " triaged)";
    }

    private static String shortMonth(MonthlyMetrics m) {
        return m.month().getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH) + " "
                + m.month().getYear();
    }

    private static Double seconds(Duration d) {
        return d == null ? null : d.toMillis() / 1000.0;
    }

    private static String word(String constant) {
        return constant.charAt(0) + constant.substring(1).toLowerCase(Locale.ROOT);
    }

    private static String plural(long n, String one, String many) {
        return n == 1 ? one : many;
    }
}
