package dev.arbiter.report.readiness;

import dev.arbiter.core.Version;
import dev.arbiter.core.readiness.Assessment;
import dev.arbiter.core.readiness.ChecklistItem;
import dev.arbiter.core.readiness.Comparison;
import dev.arbiter.core.readiness.Dimension;
import dev.arbiter.core.readiness.DimensionChange;
import dev.arbiter.core.readiness.DimensionScore;
import dev.arbiter.core.readiness.HistoryEntry;
import dev.arbiter.core.readiness.Phase;
import dev.arbiter.core.readiness.Readiness;
import dev.arbiter.core.readiness.ReadinessSnapshot;
import dev.arbiter.core.readiness.Recommendation;
import dev.arbiter.core.readiness.Verdict;
import dev.arbiter.report.Charts;
import dev.arbiter.report.ReportDocument;
import dev.arbiter.report.ReportTime;
import dev.arbiter.report.ReportDocument.Callout;
import dev.arbiter.report.ReportDocument.Fact;
import dev.arbiter.report.Table;
import dev.arbiter.report.TextStyle;
import java.awt.Color;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * The readiness assessment as a PDF for a board: title page with the verdict,
 * the scores with the guide's descriptors and the evidence, radar and trend
 * charts, the recommended next steps and the roadmap tracker, and a sign-off
 * block. A draft is marked "DRAFT" on every page.
 */
public final class ReadinessReport {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final Color PREVIOUS = new Color(0x8C, 0x95, 0x9F);

    private final ReadinessSnapshot snapshot;
    private final Instant generatedAt;
    private final ZoneId zone;
    private final java.util.Map<Dimension, String> recorded;

    public ReadinessReport(ReadinessSnapshot snapshot, Instant generatedAt, ZoneId zone) {
        this(snapshot, generatedAt, zone, java.util.Map.of());
    }

    /**
     * @param recorded what Arbiter itself records per dimension (e.g. the vendor register for "Vendor
     *                 Management"), printed beside the assessor's notes; it never changes a score
     */
    public ReadinessReport(ReadinessSnapshot snapshot, Instant generatedAt, ZoneId zone,
                           java.util.Map<Dimension, String> recorded) {
        this.snapshot = snapshot;
        this.generatedAt = generatedAt;
        this.zone = zone;
        this.recorded = java.util.Map.copyOf(recorded);
    }

    /** As {@link #export(Readiness, long, Instant, Path)}, with what Arbiter records per dimension. */
    public static void export(Readiness readiness, long id, Instant now, Path out,
                              java.util.Map<Dimension, String> recorded) {
        new ReadinessReport(readiness.snapshot(id), now, ZoneId.systemDefault(), recorded).write(out);
    }

    /** Writes the report of assessment {@code id} to {@code out}: what the desktop and the CLI both call. */
    public static void export(Readiness readiness, long id, Instant now, Path out) {
        new ReadinessReport(readiness.snapshot(id), now, ZoneId.systemDefault()).write(out);
    }

    public void write(Path out) {
        Assessment a = snapshot.assessment();
        ReportDocument.Setup setup = new ReportDocument.Setup("AI Deployment Readiness Assessment",
                a.subject() + " · " + a.assessedOn().format(DATE),
                "Arbiter " + Version.current() + " · generated " + ReportTime.stamp(generatedAt, zone),
                a.isCompleted() ? Optional.empty() : Optional.of("DRAFT"), a.assessor());
        try (ReportDocument doc = ReportDocument.create(setup)) {
            titlePage(doc);
            verdictSection(doc);
            scoresSection(doc);
            trendSection(doc);
            nextStepsSection(doc);
            trackerSection(doc);
            signOff(doc);
            doc.save(out);
        }
    }

    // --- title page

    private void titlePage(ReportDocument doc) {
        Assessment a = snapshot.assessment();
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Organisation / unit", a.subject()));
        facts.add(new Fact("Assessment date", a.assessedOn().format(DATE)));
        facts.add(new Fact("Assessor", a.assessor()));
        facts.add(new Fact("Status", a.isCompleted()
                ? "Completed " + ReportTime.stamp(a.completedAt(), zone) + " by " + a.completedBy()
                : "Draft: not final, scores may still change"));
        snapshot.comparison().ifPresent(c -> facts.add(new Fact("Previous assessment",
                c.previous().assessedOn().format(DATE) + ": " + c.previous().total() + "/" + Assessment.MAX_TOTAL)));
        facts.add(new Fact("Ready at", snapshot.verdict().thresholds().readyMinimum() + " of "
                + Assessment.MAX_TOTAL + " or more"));
        doc.titlePage("Agentic AI governance · Decision matrix", "Deployment Readiness Assessment", a.subject(),
                Optional.of(verdictCallout()), facts);
        doc.spacer(18);
        Table summary = Table.of(Table.column("Dimension", 3), Table.column("Score", 1, Table.Align.CENTER),
                Table.column(snapshot.comparison().isPresent() ? "Since previous" : "", 1.3f, Table.Align.CENTER),
                Table.column("Guide pillar", 4));
        for (Dimension d : Dimension.values()) {
            Integer score = a.score(d).score();
            summary.row(d.title(), Table.Cell.of(score == null ? "–" : score.toString()).style(scoreStyle(score)),
                    Table.Cell.of(snapshot.comparison().map(c -> c.change(d).deltaText()).orElse(""))
                            .style(changeStyle(snapshot.comparison().map(c -> c.change(d)))),
                    Table.Cell.of(snapshot.guide().pillar(d)).style(TextStyle.SMALL));
        }
        doc.table(summary);
        doc.spacer(10);
        doc.paragraph("Scored against the decision matrix of \"Enterprise AI Governance: A CTO's Guide to "
                + "Deploying Agentic Systems Safely\" (March 2026): six dimensions, each from 1 (not ready) to "
                + "5 (ready). The guide sets a minimum total of 20 of 30 to deploy agentic AI responsibly.",
                TextStyle.SMALL);
    }

    private Callout verdictCallout() {
        Verdict v = snapshot.verdict();
        String warnings = v.warnings().isEmpty() ? ""
                : " Warning: " + v.warningList() + (v.warnings().size() == 1 ? " is" : " are")
                + " scored " + v.thresholds().warningScore() + ", a capability that is missing.";
        return switch (v.outcome()) {
            case READY -> new Callout("READY · " + v.totalText() + (v.warnings().isEmpty() ? "" : " · with warnings"),
                    "The total meets the minimum of " + v.thresholds().readyMinimum() + "." + warnings,
                    v.warnings().isEmpty() ? TextStyle.GOOD : TextStyle.WARN);
            case NOT_READY -> new Callout("NOT READY · " + v.totalText(),
                    (v.thresholds().readyMinimum() - v.total()) + " points short of the minimum of "
                            + v.thresholds().readyMinimum() + "." + warnings, TextStyle.BAD);
            case INCOMPLETE -> new Callout("INCOMPLETE · " + v.totalText() + " so far",
                    v.scored() + " of 6 dimensions scored; no verdict until all are.", TextStyle.MUTED);
        };
    }

    // --- 1. verdict

    private void verdictSection(ReportDocument doc) {
        Assessment a = snapshot.assessment();
        Verdict v = snapshot.verdict();
        doc.newPage();
        doc.heading("1. Verdict", 1);
        doc.paragraph(a.subject() + ": " + v.headline() + ".", TextStyle.BODY_BOLD);
        for (String w : v.warningTexts()) {
            doc.callout(new Callout("Warning", w, TextStyle.WARN));
        }
        snapshot.comparison().ifPresentOrElse(c -> doc.paragraph(changeSummary(c)),
                () -> doc.paragraph("There is no earlier completed assessment of " + a.subject()
                        + " to compare with."));
        doc.spacer(4);
        List<String> axes = Arrays.stream(Dimension.values()).map(Dimension::title).toList();
        List<Charts.Series> series = new ArrayList<>();
        series.add(new Charts.Series(a.assessedOn().format(DATE), verdictColor(v), scores(a)));
        snapshot.comparison().ifPresent(c -> series.add(
                new Charts.Series(c.previous().assessedOn().format(DATE) + " (previous)", PREVIOUS, scores(c.previous()))));
        doc.chart(Charts.radar("Scores by dimension", axes, series, 5), doc.contentWidth(), 300);
    }

    private String changeSummary(Comparison c) {
        Assessment prev = c.previous();
        int delta = snapshot.assessment().total() - prev.total();
        StringBuilder s = new StringBuilder("Against the previous assessment (" + prev.assessedOn().format(DATE)
                + ", " + prev.total() + "/" + Assessment.MAX_TOTAL + "), the total "
                + (delta > 0 ? "rose by " + delta : delta < 0 ? "fell by " + (-delta) : "is unchanged")
                + (snapshot.assessment().allScored() ? "" : " with dimensions still unscored") + ".");
        if (!c.improved().isEmpty()) {
            s.append(" Improved: ").append(changes(c, c.improved())).append('.');
        }
        if (!c.fellBack().isEmpty()) {
            s.append(" Fell back: ").append(changes(c, c.fellBack())).append('.');
        }
        if (c.improved().isEmpty() && c.fellBack().isEmpty()) {
            s.append(" No dimension changed.");
        }
        return s.toString();
    }

    private static String changes(Comparison c, List<Dimension> dimensions) {
        return dimensions.stream().map(d -> {
            DimensionChange ch = c.change(d);
            return d.title() + " " + ch.before() + "→" + ch.after();
        }).collect(Collectors.joining(", "));
    }

    private static List<Double> scores(Assessment a) {
        return Arrays.stream(Dimension.values())
                .map(d -> a.score(d).score() == null ? null : a.score(d).score().doubleValue()).toList();
    }

    private static Color verdictColor(Verdict v) {
        return switch (v.outcome()) {
            case READY -> v.warnings().isEmpty() ? TextStyle.GOOD : TextStyle.WARN;
            case NOT_READY -> TextStyle.BAD;
            case INCOMPLETE -> TextStyle.ACCENT;
        };
    }

    // --- 2. scores

    private void scoresSection(ReportDocument doc) {
        Assessment a = snapshot.assessment();
        Optional<Comparison> comparison = snapshot.comparison();
        doc.heading("2. Scores", 1);
        doc.paragraph("Each dimension with the guide's description of the score given (2 and 4 lie between the "
                + "guide's descriptions of 1, 3 and 5) and the evidence the assessor noted.", TextStyle.SMALL);
        Table table = Table.of(Table.column("Dimension", 2.1f), Table.column("Score", 0.8f, Table.Align.CENTER),
                Table.column("What the score means", 3.2f),
                Table.column(comparison.isPresent() ? "Change" : "", 1f, Table.Align.CENTER),
                Table.column("Notes and evidence", 3.4f));
        for (Dimension d : Dimension.values()) {
            DimensionScore s = a.score(d);
            String meaning = s.isScored() ? snapshot.guide().descriptors(d).describe(s.score()) : "Not scored";
            String change = comparison.map(c -> c.change(d).deltaText()).orElse("");
            table.row(Table.Cell.of(d.title()).style(TextStyle.BODY_BOLD.withSize(9)),
                    Table.Cell.of(s.isScored() ? s.score() + " / 5" : "–").style(scoreStyle(s.score())),
                    meaning, Table.Cell.of(change).style(changeStyle(comparison.map(c -> c.change(d)))),
                    notesWithRecorded(s.notes(), recorded.get(d)));
        }
        Verdict v = snapshot.verdict();
        table.row(Table.Cell.of("Total").style(TextStyle.BODY_BOLD.withSize(9)),
                Table.Cell.of(v.totalText()).style(TextStyle.BODY_BOLD.withSize(9).withColor(verdictColor(v))),
                Table.Cell.of(v.outcome().label() + " (minimum " + v.thresholds().readyMinimum() + ")")
                        .style(TextStyle.BODY_BOLD.withSize(9).withColor(verdictColor(v))),
                comparison.map(c -> signed(a.total() - c.previous().total())).orElse(""), "");
        doc.table(table);
    }

    private static String notesWithRecorded(String notes, String recordedText) {
        String n = notes.isBlank() ? "" : notes;
        if (recordedText == null || recordedText.isBlank()) {
            return n.isEmpty() ? "–" : n;
        }
        return (n.isEmpty() ? "" : n + " · ") + "Recorded in Arbiter: " + recordedText;
    }

    private static TextStyle scoreStyle(Integer score) {
        TextStyle bold = TextStyle.BODY_BOLD.withSize(9);
        if (score == null) {
            return bold.withColor(TextStyle.MUTED);
        }
        return switch (score) {
            case 1 -> bold.withColor(TextStyle.BAD);
            case 2 -> bold.withColor(TextStyle.WARN);
            case 4, 5 -> bold.withColor(TextStyle.GOOD);
            default -> bold;
        };
    }

    private static TextStyle changeStyle(Optional<DimensionChange> change) {
        TextStyle base = TextStyle.BODY.withSize(9);
        return change.map(c -> switch (c.direction()) {
            case IMPROVED -> base.bolder().withColor(TextStyle.GOOD);
            case FELL_BACK -> base.bolder().withColor(TextStyle.BAD);
            default -> base.withColor(TextStyle.MUTED);
        }).orElse(base);
    }

    private static String signed(int n) {
        return n > 0 ? "+" + n : n < 0 ? "−" + (-n) : "±0";
    }

    // --- 3. trend

    private void trendSection(ReportDocument doc) {
        Assessment a = snapshot.assessment();
        List<HistoryEntry> trend = new ArrayList<>(snapshot.trend());
        doc.heading("3. Trend", 1);
        if (!a.isCompleted()) {
            doc.paragraph("Completed assessments of " + a.subject() + " so far; this draft is not part of the "
                    + "history until it is completed.", TextStyle.SMALL);
        }
        if (trend.isEmpty()) {
            doc.paragraph("No completed assessment of " + a.subject() + " yet.");
            return;
        }
        double minimum = snapshot.verdict().thresholds().readyMinimum();
        List<Charts.Point> points = trend.stream()
                .map(h -> new Charts.Point(h.assessment().assessedOn().format(DATE), h.verdict().total())).toList();
        doc.chart(Charts.trend("Total score over time", "Total (of 30)", points, 0, Assessment.MAX_TOTAL,
                OptionalDouble.of(minimum), "Ready at " + (int) minimum, TextStyle.ACCENT), doc.contentWidth(), 190);
        Table table = Table.of(Table.column("Date", 1.2f), Table.column("Assessor", 2f),
                Table.column("Total", 0.8f, Table.Align.CENTER), Table.column("Verdict", 1.4f),
                Table.column("Warnings", 2.4f));
        for (int i = trend.size() - 1; i >= 0; i--) {
            HistoryEntry h = trend.get(i);
            boolean thisOne = h.assessment().id() == a.id();
            TextStyle style = thisOne ? TextStyle.BODY_BOLD.withSize(9) : TextStyle.BODY.withSize(9);
            table.row(Table.Cell.of(h.assessment().assessedOn().format(DATE) + (thisOne ? " (this)" : "")).style(style),
                    Table.Cell.of(h.assessment().assessor()).style(style),
                    Table.Cell.of(h.verdict().totalText()).style(style),
                    Table.Cell.of(h.verdict().outcome().label()).style(style.withColor(verdictColor(h.verdict()))),
                    Table.Cell.of(h.verdict().warnings().isEmpty() ? "–" : h.verdict().warningList()).style(style));
        }
        doc.table(table);
    }

    // --- 4. next steps

    private void nextStepsSection(ReportDocument doc) {
        Assessment a = snapshot.assessment();
        List<Recommendation> steps = snapshot.nextSteps();
        doc.heading("4. Recommended next steps", 1);
        if (steps.isEmpty()) {
            doc.paragraph("No dimension is scored at or below " + weakScore() + ", so the guide's roadmap has no "
                    + "step to recommend. Keep the quarterly governance review.");
            return;
        }
        List<String> weak = Arrays.stream(Dimension.values())
                .filter(d -> a.score(d).isScored() && a.score(d).score() <= weakScore())
                .map(d -> d.title() + " (" + a.score(d).score() + ")").toList();
        doc.paragraph("For the dimensions scored " + weakScore() + " or below (" + String.join(", ", weak)
                + "): steps from the guide's 90-day roadmap and its pillars, in roadmap order. Dates count from the "
                + "assessment date.", TextStyle.SMALL);
        Map<String, ChecklistItem> tracked = snapshot.checklist().stream().filter(i -> i.stepKey() != null)
                .collect(Collectors.toMap(ChecklistItem::stepKey, i -> i, (x, y) -> x));
        for (Phase phase : Phase.values()) {
            List<Recommendation> inPhase = steps.stream().filter(r -> r.step().phase() == phase).toList();
            if (inPhase.isEmpty()) {
                continue;
            }
            doc.heading(phase.label() + " (by " + a.assessedOn().plusDays(phase.endDay()).format(DATE) + ")", 3);
            Table table = Table.of(Table.column("Step", 4.2f), Table.column("Strengthens", 2f),
                    Table.column("From the guide", 1.9f), Table.column("Tracking", 1.9f));
            for (Recommendation r : inPhase) {
                ChecklistItem item = tracked.get(r.step().key());
                table.row(r.step().text(),
                        r.weakDimensions().stream().map(Dimension::title).collect(Collectors.joining(", ")),
                        Table.Cell.of(r.step().source()).style(TextStyle.SMALL),
                        item == null ? Table.Cell.of("Not tracked").style(TextStyle.SMALL)
                                : Table.Cell.of(trackingText(item)).style(trackingStyle(item)));
            }
            doc.table(table);
        }
    }

    private int weakScore() {
        return snapshot.verdict().thresholds().weakScore();
    }

    private String trackingText(ChecklistItem item) {
        String who = item.owner().isBlank() ? "no owner" : item.owner();
        if (item.done()) {
            return "Done " + LocalDate.ofInstant(item.doneAt(), zone).format(DATE) + " · " + who;
        }
        return who + " · due " + (item.dueOn() == null ? "–" : item.dueOn().format(DATE));
    }

    private TextStyle trackingStyle(ChecklistItem item) {
        TextStyle base = TextStyle.BODY.withSize(8.5f);
        if (item.done()) {
            return base.withColor(TextStyle.GOOD);
        }
        return item.overdue(LocalDate.ofInstant(generatedAt, zone)) ? base.bolder().withColor(TextStyle.BAD) : base;
    }

    // --- 5. tracker

    private void trackerSection(ReportDocument doc) {
        List<ChecklistItem> items = snapshot.checklist();
        doc.heading("5. Roadmap tracker", 1);
        if (items.isEmpty()) {
            doc.paragraph("No next step is being tracked for " + snapshot.assessment().subject() + " yet.");
            return;
        }
        long done = items.stream().filter(ChecklistItem::done).count();
        LocalDate today = LocalDate.ofInstant(generatedAt, zone);
        long overdue = items.stream().filter(i -> i.overdue(today)).count();
        doc.paragraph(done + " of " + items.size() + " tracked steps done"
                + (overdue > 0 ? ", " + overdue + " overdue" : "") + " on " + today.format(DATE) + ".");
        Table table = Table.of(Table.column("Action", 4.2f), Table.column("Dimension", 1.8f),
                Table.column("Owner", 1.7f), Table.column("Due", 1.5f), Table.column("Status", 1.1f));
        for (ChecklistItem i : items) {
            String status = i.done() ? "Done" : i.overdue(today) ? "Overdue" : "Open";
            Color color = i.done() ? TextStyle.GOOD : i.overdue(today) ? TextStyle.BAD : TextStyle.INK;
            table.row(i.text(), i.dimension() == null ? "–" : i.dimension().title(),
                    i.owner().isBlank() ? "–" : i.owner(), i.dueOn() == null ? "–" : i.dueOn().format(DATE),
                    Table.Cell.of(status).style(TextStyle.BODY_BOLD.withSize(9).withColor(color)));
        }
        doc.table(table);
    }

    // --- sign-off

    private void signOff(ReportDocument doc) {
        Assessment a = snapshot.assessment();
        doc.keepTogether(150);
        doc.heading("Sign-off", 2);
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Assessed by", a.assessor() + " on " + a.assessedOn().format(DATE)));
        if (a.isCompleted()) {
            facts.add(new Fact("Completed by", a.completedBy() + " on " + ReportTime.stamp(a.completedAt(), zone)
                    + " (recorded in the audit ledger)"));
        }
        doc.facts(facts);
        doc.spacer(18);
        Table sign = Table.of(Table.column("Reviewed by (name, role)", 3), Table.column("Signature", 3),
                Table.column("Date", 1.5f)).striped(false);
        sign.row("\n\n", "", "");
        sign.row("\n\n", "", "");
        doc.table(sign);
    }
}
