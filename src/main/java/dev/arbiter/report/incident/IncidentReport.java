package dev.arbiter.report.incident;

import dev.arbiter.core.Version;
import dev.arbiter.core.incident.Incident;
import dev.arbiter.core.incident.IncidentStatus;
import dev.arbiter.core.incident.IncidentText;
import dev.arbiter.core.incident.LedgerRange;
import dev.arbiter.core.incident.ReportingDeadline;
import dev.arbiter.core.incident.TimelineEvent;
import dev.arbiter.core.incident.TimelineKind;
import dev.arbiter.report.ReportDocument;
import dev.arbiter.report.ReportDocument.Callout;
import dev.arbiter.report.ReportDocument.Fact;
import dev.arbiter.report.ReportTime;
import dev.arbiter.report.Table;
import dev.arbiter.report.TextStyle;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One incident as a PDF: triage and frozen evidence on the title page, the EU AI Act Art. 73
 * serious-incident report form (classification, awareness, latest report date, what happened, the
 * suspected causal link, the corrective actions), the timeline with the audit entry of each line,
 * root cause and follow-ups. Until the incident is closed every page says "OPEN" in a watermark.
 * The desktop's Export PDF and {@code arbiter incident report} both call {@link #write}.
 */
public final class IncidentReport {

    private final Incident incident;
    private final Instant generatedAt;
    private final ZoneId zone;

    public IncidentReport(Incident incident, Instant generatedAt, ZoneId zone) {
        this.incident = incident;
        this.generatedAt = generatedAt;
        this.zone = zone;
    }

    /**
     * Writes the report to {@code out}.
     *
     * @throws dev.arbiter.report.ReportException naming the file when it cannot be written
     */
    public void write(Path out) {
        Incident i = incident;
        Optional<String> watermark = i.status() == IncidentStatus.CLOSED ? Optional.empty()
                : Optional.of(i.status().name());
        ReportDocument.Setup setup = new ReportDocument.Setup("Incident report",
                "INC-" + i.id() + " · " + i.title() + " · " + i.status().key(),
                "Arbiter " + Version.current() + " · generated " + ReportTime.stamp(generatedAt, zone),
                watermark, i.openedBy());
        try (ReportDocument doc = ReportDocument.create(setup)) {
            titlePage(doc);
            art73Form(doc);
            timeline(doc);
            rootCause(doc);
            doc.save(out);
        }
    }

    private void titlePage(ReportDocument doc) {
        Incident i = incident;
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Incident", "INC-" + i.id()));
        facts.add(new Fact("Status", i.status().key()));
        facts.add(new Fact("Severity", i.severity().key()));
        facts.add(new Fact("Agents", i.agents().isEmpty() ? "none named" : String.join(", ", i.agents())));
        facts.add(new Fact("Detected", IncidentText.time(i.awareAt())));
        facts.add(new Fact("Opened", IncidentText.time(i.openedAt()) + " by " + i.openedBy()));
        if (i.sourceAlert() != null) {
            facts.add(new Fact("From alert", i.sourceAlert()));
        }
        facts.add(new Fact("Evidence frozen", i.pinned().map(r -> "ledger entries " + r
                + (i.status().isActive() ? " (pinned until closed)" : " (released at closing)"))
                .orElse("no ledger range named")));
        facts.add(new Fact("Policies in force when opened", i.policies().isEmpty() ? "none"
                : String.join(", ", i.policies())));
        doc.titlePage("Agentic AI governance · Incident response", i.title(), "Incident INC-" + i.id(),
                Optional.of(deadlineCallout()), facts);
    }

    private Callout deadlineCallout() {
        Incident i = incident;
        Optional<ReportingDeadline> d = i.deadline();
        if (d.isEmpty()) {
            return new Callout("No EU AI Act report due", i.classification().label() + " ("
                    + i.classification().source() + ")", TextStyle.GOOD);
        }
        ReportingDeadline r = d.get();
        ReportingDeadline.State state = r.stateAt(generatedAt);
        var color = switch (state) {
            case MET -> TextStyle.GOOD;
            case PENDING -> TextStyle.WARN;
            case LATE, OVERDUE -> TextStyle.BAD;
        };
        return new Callout("EU AI Act Art. 73 report " + r.describeAt(generatedAt),
                i.classification().label() + " (" + i.classification().source() + ")", color);
    }

    private void art73Form(ReportDocument doc) {
        Incident i = incident;
        doc.newPage();
        doc.heading("Serious-incident report (EU AI Act Art. 73)", 1);
        doc.paragraph("Regulation (EU) 2024/1689, Art. 73: report a serious incident (Art. 3(49)) to the market"
                + " surveillance authority of the Member State where it occurred, at the latest 15 days after"
                + " becoming aware (Art. 73(2)); 2 days for a widespread infringement or a serious and irreversible"
                + " disruption of critical infrastructure (Art. 73(3)); 10 days in the event of a death (Art. 73(4))."
                + " An initial, incomplete report may be followed by a complete one (Art. 73(5)).", TextStyle.SMALL);
        doc.spacer(6);
        List<Fact> form = new ArrayList<>();
        form.add(new Fact("Classification", i.classification().label() + " (" + i.classification().source() + ")"));
        form.add(new Fact("Became aware", IncidentText.time(i.awareAt())));
        form.add(new Fact("Report due", i.deadline().map(d -> IncidentText.time(d.due())).orElse("no report due")));
        form.add(new Fact("Report sent", i.reportedAt() == null ? "not yet" : IncidentText.time(i.reportedAt())));
        form.add(new Fact("AI system (agents)", i.agents().isEmpty() ? "not named" : String.join(", ", i.agents())));
        form.add(new Fact("What happened", i.title()));
        form.add(new Fact("Suspected causal link", i.rootCause().isBlank() ? "under investigation" : i.rootCause()));
        List<TimelineEvent> actions = i.actions();
        form.add(new Fact("Corrective actions", actions.isEmpty() ? "none recorded yet"
                : String.join("; ", actions.stream().map(TimelineEvent::note).toList())));
        form.add(new Fact("Evidence kept", i.pinned().map(LedgerRange::toString).map(r -> "audit ledger entries " + r)
                .orElse("none pinned")));
        doc.facts(form);
    }

    private void timeline(ReportDocument doc) {
        doc.spacer(12);
        doc.heading("Timeline", 1);
        Table t = Table.of(Table.column("When (UTC)", 1.6f), Table.column("What", 1.5f), Table.column("Who", 1f),
                Table.column("Note", 3.2f), Table.column("Entry", 0.7f, Table.Align.RIGHT));
        for (TimelineEvent e : incident.timeline()) {
            t.row(IncidentText.time(e.at()).replace(" UTC", ""), e.kind().key(), e.actor(), e.note(),
                    e.auditSeq() == null ? "" : "#" + e.auditSeq());
        }
        doc.table(t);
        List<String> stages = new ArrayList<>();
        for (TimelineKind k : List.of(TimelineKind.DETECTED, TimelineKind.ACKNOWLEDGED, TimelineKind.CONTAINED,
                TimelineKind.RESOLVED, TimelineKind.CLOSED)) {
            stages.add(k.key() + ": " + incident.first(k).map(e -> IncidentText.time(e.at()) + " (" + e.actor() + ")")
                    .orElse("—"));
        }
        doc.spacer(6);
        doc.paragraph(String.join(" · ", stages), TextStyle.SMALL);
    }

    private void rootCause(ReportDocument doc) {
        Incident i = incident;
        doc.spacer(12);
        doc.heading("Root cause and follow-ups", 1);
        doc.paragraph(i.rootCause().isBlank() ? "Root cause not yet recorded." : i.rootCause());
        if (i.followUps().isEmpty()) {
            doc.paragraph("No follow-ups recorded.", TextStyle.SMALL);
        } else {
            Table t = Table.of(Table.column("#", 0.4f, Table.Align.CENTER), Table.column("Follow-up", 6));
            for (int n = 0; n < i.followUps().size(); n++) {
                t.row(String.valueOf(n + 1), i.followUps().get(n));
            }
            doc.table(t);
        }
        if (!i.entries().isEmpty()) {
            doc.spacer(6);
            doc.paragraph("Ledger entries picked as involved: " + String.join(", ",
                    i.entries().stream().map(s -> "#" + s).toList()), TextStyle.SMALL);
        }
    }
}
