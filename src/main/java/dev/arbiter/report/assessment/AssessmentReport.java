package dev.arbiter.report.assessment;

import dev.arbiter.core.Version;
import dev.arbiter.core.assessment.ApprovalRules;
import dev.arbiter.core.assessment.Assessment;
import dev.arbiter.core.assessment.AssessmentService;
import dev.arbiter.core.assessment.AssessmentStatus;
import dev.arbiter.core.assessment.DataClass;
import dev.arbiter.core.assessment.DataClassification;
import dev.arbiter.core.assessment.Decision;
import dev.arbiter.core.assessment.Rating;
import dev.arbiter.core.assessment.Regulation;
import dev.arbiter.core.assessment.Review;
import dev.arbiter.core.assessment.ReviewKind;
import dev.arbiter.core.assessment.Risk;
import dev.arbiter.core.assessment.RiskBand;
import dev.arbiter.core.assessment.RiskException;
import dev.arbiter.core.assessment.SystemOverview;
import dev.arbiter.report.ReportDocument;
import dev.arbiter.report.ReportTime;
import dev.arbiter.report.ReportDocument.Callout;
import dev.arbiter.report.ReportDocument.Fact;
import dev.arbiter.report.Table;
import dev.arbiter.report.TextStyle;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One version of a risk assessment as a board-ready PDF, following the guide's
 * template: system overview, data classification, risk evaluation with the
 * heat maps, mitigations, and the sign-off block with names and dates. Until a
 * version is approved every page carries a "DRAFT" watermark and says so in its
 * header; a rejected version says "REJECTED". The desktop's Export PDF and
 * {@code arbiter report assessment} both call {@link #export}.
 */
public final class AssessmentReport {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;

    private final Assessment assessment;
    private final ApprovalRules rules;
    private final Instant generatedAt;
    private final ZoneId zone;

    public AssessmentReport(Assessment assessment, RiskBand tolerance, Instant generatedAt, ZoneId zone) {
        this.assessment = assessment;
        this.rules = new ApprovalRules(tolerance);
        this.generatedAt = generatedAt;
        this.zone = zone;
    }

    /** Writes version {@code version} (null: the newest) of assessment {@code id} to {@code out}. */
    public static void export(AssessmentService service, long id, Integer version, Instant now, Path out) {
        Assessment a = version == null ? service.get(id) : service.get(id, version);
        new AssessmentReport(a, service.tolerance(), now, ZoneId.systemDefault()).write(out);
    }

    /** "DRAFT" until approved, "REJECTED" for a rejected version, none once approved. */
    static Optional<String> watermark(AssessmentStatus status) {
        return switch (status) {
            case APPROVED -> Optional.empty();
            case REJECTED -> Optional.of("REJECTED");
            case DRAFT, IN_REVIEW -> Optional.of("DRAFT");
        };
    }

    public void write(Path out) {
        Assessment a = assessment;
        String stamp = switch (a.status()) {
            case APPROVED -> "APPROVED";
            case REJECTED -> "REJECTED";
            case DRAFT -> "DRAFT, not approved";
            case IN_REVIEW -> "DRAFT, in review";
        };
        ReportDocument.Setup setup = new ReportDocument.Setup("Agentic AI Risk Assessment",
                a.reference() + " v" + a.version() + " · " + name() + " · " + stamp,
                "Arbiter " + Version.current() + " · generated " + ReportTime.stamp(generatedAt, zone),
                watermark(a.status()), a.content().overview().owner());
        try (ReportDocument doc = ReportDocument.create(setup)) {
            titlePage(doc);
            overview(doc);
            dataClassification(doc);
            riskEvaluation(doc);
            mitigations(doc);
            signOff(doc);
            doc.save(out);
        }
    }

    private String name() {
        String n = assessment.content().overview().systemName();
        return n.isBlank() ? "(unnamed system)" : n;
    }

    private String date(Instant at) {
        return DATE.format(at.atZone(zone));
    }

    // --- title page

    private void titlePage(ReportDocument doc) {
        Assessment a = assessment;
        SystemOverview o = a.content().overview();
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Assessment", a.reference() + ", version " + a.version()));
        facts.add(new Fact("Owner", blankDash(o.owner())));
        facts.add(new Fact("Business purpose", blankDash(o.businessPurpose())));
        facts.add(new Fact("Agents", o.agentCount() + (o.agentIds().isEmpty() ? "" : " (" + String.join(", ",
                o.agentIds()) + ")")));
        facts.add(new Fact("Highest residual risk", a.highestResidual()
                .map(r -> r.category() + ": " + r.residual().describe() + ", " + r.residual().band().label())
                .orElse("not scored")));
        facts.add(new Fact("Started", date(a.createdAt()) + " by " + a.createdBy()));
        if (a.nextReviewDate() != null) {
            facts.add(new Fact("Next re-assessment", a.nextReviewDate() + " (" + a.content().cadence().label()
                    .toLowerCase(Locale.ROOT) + ")"));
        }
        doc.titlePage("Agentic AI governance · Risk assessment", name(),
                "Risk assessment before deployment", Optional.of(statusCallout()), facts);
        doc.spacer(16);
        Table summary = Table.of(Table.column("#", 0.4f, Table.Align.CENTER), Table.column("Risk category", 3),
                Table.column("Inherent", 1.4f, Table.Align.CENTER), Table.column("Residual", 1.4f, Table.Align.CENTER));
        List<Risk> risks = a.content().risks();
        for (int i = 0; i < risks.size(); i++) {
            Risk r = risks.get(i);
            summary.row(String.valueOf(i + 1), r.category(), bandCell(r.inherent()), bandCell(r.residual()));
        }
        doc.table(summary);
    }

    private Callout statusCallout() {
        Assessment a = assessment;
        Decision d = a.decision();
        return switch (a.status()) {
            case APPROVED -> new Callout("APPROVED · " + date(d.decidedAt()) + " by " + d.decidedBy(),
                    "Security, compliance and architecture reviews passed." + (d.comment().isBlank() ? ""
                            : " " + d.comment()), TextStyle.GOOD);
            case REJECTED -> new Callout("REJECTED · " + date(d.decidedAt()) + " by " + d.decidedBy(), d.comment(),
                    TextStyle.BAD);
            case IN_REVIEW -> new Callout("DRAFT · in review", reviewProgress() + " Not approved for deployment.",
                    TextStyle.WARN);
            case DRAFT -> new Callout("DRAFT · not yet submitted for review",
                    "Content may still change. Not approved for deployment.", TextStyle.MUTED);
        };
    }

    private String reviewProgress() {
        long passed = assessment.reviews().stream().filter(Review::passed).count();
        long failed = assessment.reviews().size() - passed;
        return passed + " of 3 reviews passed" + (failed > 0 ? ", " + failed + " failed." : ".");
    }

    // --- 1. overview

    private void overview(ReportDocument doc) {
        SystemOverview o = assessment.content().overview();
        doc.newPage();
        doc.heading("1. System overview", 1);
        doc.facts(List.of(
                new Fact("System name", name()),
                new Fact("Business purpose", blankDash(o.businessPurpose())),
                new Fact("Agent count", String.valueOf(o.agentCount())),
                new Fact("Agent ids", o.agentIds().isEmpty() ? "\u2014" : String.join(", ", o.agentIds())),
                new Fact("External tools/APIs", o.externalTools().isEmpty() ? "\u2014"
                        : String.join("; ", o.externalTools())),
                new Fact("Owner", blankDash(o.owner())),
                new Fact("Re-assessment", assessment.content().cadence().label())));
    }

    // --- 2. data

    private void dataClassification(ReportDocument doc) {
        DataClassification d = assessment.content().data();
        doc.heading("2. Data classification", 1);
        Table types = Table.of(Table.column("Data type", 2), Table.column("Accessed", 1, Table.Align.CENTER),
                Table.column("Regulations usually in scope", 3));
        for (DataClass c : DataClass.values()) {
            boolean ticked = d.classes().contains(c);
            types.row(c.label() + " (" + c.description().toLowerCase(Locale.ROOT) + ")",
                    Table.Cell.of(ticked ? "\u2611 Yes" : "\u2610 No").style(ticked ? TextStyle.BODY_BOLD.withSize(9)
                            : TextStyle.BODY.withSize(9).withColor(TextStyle.MUTED)),
                    c.suggests().isEmpty() ? "\u2014" : labels(c.suggests()));
        }
        doc.table(types);
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Regulations that apply", d.regulations().isEmpty() ? "none marked" : labels(d.regulations())));
        if (!d.unconfirmedSuggestions().isEmpty()) {
            facts.add(new Fact("Suggested, not marked", labels(d.unconfirmedSuggestions())
                    + " (judged not to apply by the assessor)"));
        }
        facts.add(new Fact("Data residency", blankDash(d.residency())));
        facts.add(new Fact("Retention", blankDash(d.retention())));
        doc.facts(facts);
    }

    private static String labels(java.util.Collection<Regulation> regulations) {
        return regulations.stream().map(Regulation::label).collect(Collectors.joining(", "));
    }

    // --- 3. risks and heat maps

    private void riskEvaluation(ReportDocument doc) {
        List<Risk> risks = assessment.content().risks();
        doc.heading("3. Risk evaluation", 1);
        doc.paragraph("Likelihood and impact are rated 1 to 5; the score is their product. Bands: "
                + java.util.Arrays.stream(RiskBand.values()).map(RiskBand::describe).collect(Collectors.joining(", "))
                + ". Residual ratings are expected after the mitigation is in place.", TextStyle.SMALL);
        Table table = Table.of(Table.column("#", 0.4f, Table.Align.CENTER), Table.column("Risk category", 2.6f),
                Table.column("Likelihood", 1.3f, Table.Align.CENTER), Table.column("Impact", 1.3f, Table.Align.CENTER),
                Table.column("Inherent", 1.3f, Table.Align.CENTER),
                Table.column("Residual L \u00d7 I", 1.3f, Table.Align.CENTER),
                Table.column("Residual", 1.3f, Table.Align.CENTER));
        for (int i = 0; i < risks.size(); i++) {
            Risk r = risks.get(i);
            table.row(String.valueOf(i + 1), r.category(),
                    scale(r.likelihood(), Rating.LIKELIHOOD_SCALE), scale(r.impact(), Rating.IMPACT_SCALE),
                    bandCell(r.inherent()),
                    r.residual() == null ? "\u2013" : r.residual().likelihood() + " \u00d7 " + r.residual().impact(),
                    bandCell(r.residual()));
        }
        doc.table(table);
        List<HeatMapPlot.Marker> inherent = new ArrayList<>();
        List<HeatMapPlot.Marker> residual = new ArrayList<>();
        for (int i = 0; i < risks.size(); i++) {
            if (risks.get(i).inherent() != null) {
                inherent.add(new HeatMapPlot.Marker(i + 1, risks.get(i).inherent()));
            }
            if (risks.get(i).residual() != null) {
                residual.add(new HeatMapPlot.Marker(i + 1, risks.get(i).residual()));
            }
        }
        doc.keepTogether(300);   // the heading stays with the maps
        doc.heading("Heat map", 2);
        doc.charts(List.of(HeatMapPlot.chart("Before mitigation (inherent)", inherent, false),
                HeatMapPlot.chart("After mitigation (residual)", residual, true)), 235, 250);
        doc.paragraph("Numbers are the rows of the table above. Cells are coloured by band; the small figure in a"
                + " cell's corner is its score.", TextStyle.SMALL);
    }

    private static String scale(Integer value, List<String> words) {
        return value == null ? "\u2013" : value + " " + words.get(value - 1);
    }

    private static Table.Cell bandCell(Rating rating) {
        if (rating == null) {
            return Table.Cell.of("not scored").style(TextStyle.SMALL);
        }
        return Table.Cell.of(rating.score() + " " + rating.band().label()).style(TextStyle.BODY_BOLD.withSize(9))
                .fill(HeatMapPlot.colour(rating.band()));
    }

    // --- 4. mitigations

    private void mitigations(ReportDocument doc) {
        List<Risk> risks = assessment.content().risks();
        List<Risk> above = rules.aboveTolerance(assessment.content());
        doc.heading("4. Mitigations", 1);
        Table table = Table.of(Table.column("#", 0.4f, Table.Align.CENTER), Table.column("Risk", 2),
                Table.column("Mitigation", 4.6f), Table.column("Owner", 1.6f),
                Table.column("Inherent \u2192 residual", 1.6f, Table.Align.CENTER));
        for (int i = 0; i < risks.size(); i++) {
            Risk r = risks.get(i);
            String move = (r.inherent() == null ? "\u2013" : String.valueOf(r.inherent().score())) + " \u2192 "
                    + (r.residual() == null ? "\u2013" : String.valueOf(r.residual().score()));
            table.row(String.valueOf(i + 1), r.category(), blankDash(r.mitigation()), blankDash(r.owner()), move);
        }
        doc.table(table);
        doc.paragraph("Approval policy: residual risks above " + rules.tolerance().label().toLowerCase(Locale.ROOT)
                + " need an accepted exception before final approval.", TextStyle.SMALL);
        if (!above.isEmpty()) {
            doc.heading("Residual risks above the tolerance", 2);
            Table exceptions = Table.of(Table.column("Risk", 2), Table.column("Residual", 1, Table.Align.CENTER),
                    Table.column("Exception", 5));
            for (Risk r : above) {
                Optional<RiskException> x = assessment.exceptionFor(r.category());
                exceptions.row(r.category(), bandCell(r.residual()), x.map(e -> "Accepted by " + e.acceptedBy() + " on "
                        + date(e.acceptedAt()) + ": " + e.justification())
                        .map(Table.Cell::of)
                        .orElse(Table.Cell.of("None accepted: blocks final approval")
                                .style(TextStyle.BODY_BOLD.withSize(9).withColor(TextStyle.BAD))));
            }
            doc.table(exceptions);
        }
    }

    // --- 5. sign-off

    private void signOff(ReportDocument doc) {
        Assessment a = assessment;
        doc.keepTogether(230);
        doc.heading("5. Approval and sign-off", 1);
        Table table = Table.of(Table.column("Review", 1.8f), Table.column("Result", 1.3f, Table.Align.CENTER),
                Table.column("Reviewer", 2), Table.column("Date", 1.3f, Table.Align.CENTER),
                Table.column("Comment", 3.4f));
        for (ReviewKind kind : ReviewKind.values()) {
            Optional<Review> review = a.review(kind);
            table.row(kind.label(),
                    review.map(r -> Table.Cell.of(r.passed() ? "\u2611 Pass" : "\u2612 Fail").style(TextStyle.BODY_BOLD
                            .withSize(9).withColor(r.passed() ? TextStyle.GOOD : TextStyle.BAD)))
                            .orElse(Table.Cell.of("\u2610 Pending").style(TextStyle.BODY.withSize(9)
                                    .withColor(TextStyle.MUTED))),
                    review.map(Review::reviewer).orElse(""),
                    review.map(r -> date(r.reviewedAt())).orElse(""),
                    review.map(Review::comment).orElse(""));
        }
        Decision d = a.decision();
        String finalResult = d == null ? "\u2610 Pending" : d.approved() ? "\u2611 Approved" : "\u2612 Rejected";
        table.row(Table.Cell.of("Final approval").style(TextStyle.BODY_BOLD.withSize(9)),
                Table.Cell.of(finalResult).style(TextStyle.BODY_BOLD.withSize(9).withColor(d == null ? TextStyle.MUTED
                        : d.approved() ? TextStyle.GOOD : TextStyle.BAD)),
                d == null ? "" : d.decidedBy(), d == null ? "" : date(d.decidedAt()),
                d == null ? String.join(" ", rules.blockersToApproval(a)) : blankDash(d.comment()));
        doc.table(table);
        if (a.nextReviewDate() != null) {
            doc.paragraph("Next re-assessment due " + a.nextReviewDate() + " ("
                    + a.content().cadence().label().toLowerCase(Locale.ROOT) + ").");
        }
        if (a.submittedAt() != null) {
            doc.paragraph("Submitted for review " + date(a.submittedAt()) + " by " + a.submittedBy() + ". Reviews,"
                    + " exceptions and the final decision are recorded in Arbiter's audit ledger.", TextStyle.SMALL);
        }
    }

    private static String blankDash(String s) {
        return s == null || s.isBlank() ? "\u2014" : s;
    }
}
