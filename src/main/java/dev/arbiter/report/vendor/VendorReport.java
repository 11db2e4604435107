package dev.arbiter.report.vendor;

import dev.arbiter.core.Version;
import dev.arbiter.core.agent.ModelChangeRequest;
import dev.arbiter.core.vendor.AgentProviderPlan;
import dev.arbiter.core.vendor.RiskRating;
import dev.arbiter.core.vendor.Vendor;
import dev.arbiter.core.vendor.VendorDetails;
import dev.arbiter.core.vendor.VendorDossier;
import dev.arbiter.core.vendor.VendorFinding;
import dev.arbiter.core.vendor.VendorOverview;
import dev.arbiter.report.ReportDocument;
import dev.arbiter.report.ReportDocument.Callout;
import dev.arbiter.report.ReportDocument.Fact;
import dev.arbiter.report.ReportTime;
import dev.arbiter.report.Table;
import dev.arbiter.report.TextStyle;
import java.awt.Color;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The vendor due-diligence report (issue 17; the guide's Pillar 5): a summary page with the
 * "Vendor Management" evidence, then per vendor its register facts, rating and findings (missing DPA,
 * training on customer data, overdue review …), the agents using it with their models and fallbacks, and
 * the open model change requests; last, agents whose vendor is not in the register. The desktop's
 * Export PDF and {@code arbiter report vendors} both call {@link #write}.
 */
public final class VendorReport {

    private final VendorOverview overview;
    private final Instant generatedAt;
    private final ZoneId zone;
    private final String author;

    public VendorReport(VendorOverview overview, Instant generatedAt, ZoneId zone, String author) {
        this.overview = overview;
        this.generatedAt = generatedAt;
        this.zone = zone;
        this.author = author;
    }

    /** Writes the report to {@code out}. @throws dev.arbiter.report.ReportException naming the file */
    public void write(Path out) {
        ReportDocument.Setup setup = new ReportDocument.Setup("Vendor due diligence",
                "Vendors and models as of " + overview.asOf(),
                "Arbiter " + Version.current() + " · generated " + ReportTime.stamp(generatedAt, zone),
                Optional.empty(), author);
        try (ReportDocument doc = ReportDocument.create(setup)) {
            summary(doc);
            for (VendorDossier d : overview.dossiers()) {
                dossier(doc, d);
            }
            unregistered(doc);
            doc.save(out);
        }
    }

    private void summary(ReportDocument doc) {
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("As of", overview.asOf().toString()));
        facts.add(new Fact("Vendors", String.valueOf(overview.dossiers().size())));
        facts.add(new Fact("Without DPA", String.valueOf(overview.withoutDpa())));
        facts.add(new Fact("Training on customer data", String.valueOf(overview.trainingOnCustomerData())));
        facts.add(new Fact("Reviews overdue", String.valueOf(overview.reviewsOverdue())));
        facts.add(new Fact("Agents", overview.plans().size() + " (" + overview.agentsWithFallbackModel()
                + " with a fallback model, " + overview.agentsWithFallbackPlan() + " with an outage plan, "
                + overview.multiProviderAgents() + " multi-provider)"));
        facts.add(new Fact("Open model changes", String.valueOf(overview.openChanges().size())));
        long high = overview.dossiers().stream().filter(d -> d.assessment().rating() == RiskRating.HIGH).count();
        Color color = high > 0 ? TextStyle.BAD : overview.dossiers().isEmpty() ? TextStyle.WARN : TextStyle.GOOD;
        String title = overview.dossiers().isEmpty() ? "No vendors registered"
                : high + (high == 1 ? " vendor" : " vendors") + " rated high risk";
        doc.titlePage("Agentic AI governance · Vendor risk management", "Vendor due diligence",
                "Readiness evidence: " + overview.evidenceLine(),
                Optional.of(new Callout(title, "Rule: no DPA or training on customer data rates high; unknown "
                        + "training use, an overdue or unplanned review, or no certification rates medium. A "
                        + "person may rate a vendor higher, never lower.", color)), facts);
    }

    private void dossier(ReportDocument doc, VendorDossier d) {
        Vendor v = d.vendor();
        VendorDetails x = v.details();
        doc.newPage();
        doc.heading(v.name() + " (" + v.id() + ")", 1);
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Kind", x.kind().label()));
        facts.add(new Fact("Risk rating", d.assessment().rating().label() + (x.assessedRisk() == null ? " (by rule)"
                : " (rule: " + d.assessment().ruleRating().label() + ", assessed: " + x.assessedRisk().label() + ")")));
        facts.add(new Fact("DPA", x.hasDpa() ? "signed " + x.dpaSigned() + " · " + x.dpaFile() : "none on file"));
        facts.add(new Fact("Customer data used for training", x.training().label()));
        facts.add(new Fact("Data residency", x.residency().isEmpty() ? "not recorded" : x.residency()));
        facts.add(new Fact("Certifications", x.certifications().isEmpty() ? "none recorded"
                : String.join(", ", x.certifications())));
        facts.add(new Fact("Contact", x.contact().isEmpty() ? "not recorded" : x.contact()));
        facts.add(new Fact("Next review", x.reviewDue() == null ? "not planned" : x.reviewDue().toString()));
        if (!x.notes().isEmpty()) {
            facts.add(new Fact("Notes", x.notes()));
        }
        doc.facts(facts);
        doc.heading("Findings", 2);
        if (d.assessment().findings().isEmpty()) {
            doc.paragraph("No findings.");
        } else {
            Table t = Table.of(Table.column("Finding", 3), Table.column("Raises to", 1));
            for (VendorFinding f : d.assessment().findings()) {
                t.row(Table.Cell.of(f.text()).style(f.kind().floor() == RiskRating.HIGH
                        ? TextStyle.BODY.withColor(TextStyle.BAD) : TextStyle.BODY), f.kind().floor().label());
            }
            doc.table(t);
        }
        doc.heading("Agents using " + v.name(), 2);
        agents(doc, d.agents());
        doc.heading("Open model change requests", 2);
        changes(doc, d.openChanges());
    }

    private static void agents(ReportDocument doc, List<AgentProviderPlan> plans) {
        if (plans.isEmpty()) {
            doc.paragraph("No agent uses this vendor.");
            return;
        }
        Table t = Table.of(Table.column("Agent", 1.6f), Table.column("Pinned model", 1.7f),
                Table.column("Fallback model", 1.7f), Table.column("When the provider is down", 1.6f),
                Table.column("Strategy", 1.2f));
        for (AgentProviderPlan p : plans) {
            t.row(p.agent().id(), p.pinnedModel().isEmpty() ? "none pinned" : p.pinnedModel(),
                    p.fallbackModel().isEmpty() ? "none" : p.fallbackModel()
                            + p.fallbackVendor().map(f -> " (" + f.name() + ")").orElse(""),
                    p.fallbackDescription(), p.strategy().label());
        }
        doc.table(t);
    }

    private static void changes(ReportDocument doc, List<ModelChangeRequest> open) {
        if (open.isEmpty()) {
            doc.paragraph("None open.");
            return;
        }
        Table t = Table.of(Table.column("#", 0.4f), Table.column("Change", 3), Table.column("Status", 1),
                Table.column("Requested by", 1.2f), Table.column("Evidence", 2));
        for (ModelChangeRequest r : open) {
            t.row(String.valueOf(r.id()), r.summary(), r.status().label() + (r.selfApproved() ? " (self-approved)"
                    : ""), r.requestedBy(), r.evidence().describe());
        }
        doc.table(t);
    }

    private void unregistered(ReportDocument doc) {
        if (overview.unregistered().isEmpty()) {
            return;
        }
        doc.newPage();
        doc.heading("Agents whose vendor is not in the register", 1);
        doc.paragraph("Add these vendors (arbiter vendor add) so their DPA, training use and reviews are on record.");
        agents(doc, overview.unregistered());
    }
}
