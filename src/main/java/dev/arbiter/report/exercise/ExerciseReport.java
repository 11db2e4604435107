package dev.arbiter.report.exercise;

import dev.arbiter.core.Version;
import dev.arbiter.core.exercise.ElapsedText;
import dev.arbiter.core.exercise.Exercise;
import dev.arbiter.core.exercise.ExerciseScore;
import dev.arbiter.core.exercise.ExerciseStatus;
import dev.arbiter.core.exercise.StepDone;
import dev.arbiter.core.playbook.Playbook;
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
 * One tabletop exercise as a PDF, the evidence the readiness matrix's "Incident Response" dimension asks
 * for ("tabletop exercises completed"): the scenario, participants and score on the title page, then each
 * playbook step with its target time, when it was done and by whom, the injects, and the findings. Until
 * the exercise has ended every page carries its status as a watermark. {@code arbiter exercise report}
 * calls {@link #write}.
 */
public final class ExerciseReport {

    private final Exercise exercise;
    private final Instant generatedAt;
    private final ZoneId zone;

    public ExerciseReport(Exercise exercise, Instant generatedAt, ZoneId zone) {
        this.exercise = exercise;
        this.generatedAt = generatedAt;
        this.zone = zone;
    }

    /**
     * Writes the report to {@code out}.
     *
     * @throws dev.arbiter.report.ReportException naming the file when it cannot be written
     */
    public void write(Path out) {
        Exercise e = exercise;
        Optional<String> watermark = e.status() == ExerciseStatus.ENDED ? Optional.empty()
                : Optional.of(e.status().name());
        ReportDocument.Setup setup = new ReportDocument.Setup("Tabletop exercise report",
                "EX-" + e.id() + " · " + e.scenario() + " · " + e.status().key(),
                "Arbiter " + Version.current() + " · generated " + ReportTime.stamp(generatedAt, zone),
                watermark, e.facilitator());
        try (ReportDocument doc = ReportDocument.create(setup)) {
            titlePage(doc);
            steps(doc);
            injects(doc);
            findings(doc);
            doc.save(out);
        }
    }

    private void titlePage(ReportDocument doc) {
        Exercise e = exercise;
        ExerciseScore score = e.scoreAt(generatedAt);
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Exercise", "EX-" + e.id()));
        facts.add(new Fact("Playbook", e.playbook().name() + " (" + e.playbook().id() + ")"));
        facts.add(new Fact("Facilitator", e.facilitator()));
        facts.add(new Fact("Participants", String.join(", ", e.participants())));
        facts.add(new Fact("Planned", ReportTime.stamp(e.plannedAt(), zone) + " by " + e.plannedBy()));
        facts.add(new Fact("Started", e.startedAt() == null ? "not yet" : ReportTime.stamp(e.startedAt(), zone)));
        facts.add(new Fact("Ended", e.endedAt() == null ? "not yet" : ReportTime.stamp(e.endedAt(), zone)
                + " after " + ElapsedText.of(e.elapsed(generatedAt))));
        var color = score.percent() >= 80 ? TextStyle.GOOD : score.percent() >= 50 ? TextStyle.WARN : TextStyle.BAD;
        String title = (e.status() == ExerciseStatus.ENDED ? "Score " : "Score so far ") + score.percent() + " %";
        doc.titlePage("Agentic AI governance · Incident response", e.scenario(), "Tabletop exercise EX-" + e.id(),
                Optional.of(new Callout(title, score.summary() + ". A step counts when it was done within its"
                        + " target time from the start (or at all, where the playbook sets none).", color)), facts);
    }

    private void steps(ReportDocument doc) {
        Exercise e = exercise;
        doc.newPage();
        doc.heading("Playbook steps", 1);
        doc.paragraph("Trigger: " + e.playbook().trigger(), TextStyle.SMALL);
        doc.spacer(6);
        Table t = Table.of(Table.column("#", 0.4f, Table.Align.RIGHT), Table.column("Step", 3.2f),
                Table.column("Role", 1.2f), Table.column("Target", 0.8f), Table.column("Done", 0.9f),
                Table.column("By", 1.1f), Table.column("Result", 0.9f));
        List<Playbook.Step> steps = e.playbook().steps();
        for (int n = 1; n <= steps.size(); n++) {
            Playbook.Step s = steps.get(n - 1);
            Optional<StepDone> d = e.step(n);
            String result = d.map(x -> s.within().map(w -> x.after(e.startedAt()).compareTo(w) <= 0 ? "in time"
                    : "late").orElse("done")).orElse("missed");
            t.row(Integer.toString(n), s.text() + d.map(x -> x.note().isEmpty() ? "" : " — " + x.note()).orElse(""),
                    s.role(), s.within().map(ElapsedText::of).orElse("—"),
                    d.map(x -> ElapsedText.of(x.after(e.startedAt()))).orElse("—"),
                    d.map(StepDone::doneBy).orElse("—"), result);
        }
        doc.table(t);
        doc.paragraph("Times are from the exercise's start; each step done is audit entry "
                + String.join(", ", e.steps().stream().map(x -> "#" + x.auditSeq()).toList()) + ".", TextStyle.SMALL);
    }

    private void injects(ReportDocument doc) {
        doc.spacer(12);
        doc.heading("Scenario injects", 1);
        if (exercise.playbook().injects().isEmpty()) {
            doc.paragraph("The playbook has no injects.", TextStyle.SMALL);
            return;
        }
        Table t = Table.of(Table.column("At", 0.8f), Table.column("Event", 5f));
        for (Playbook.Inject i : exercise.playbook().injects()) {
            t.row(ElapsedText.of(i.at()), i.event());
        }
        doc.table(t);
    }

    private void findings(ReportDocument doc) {
        doc.spacer(12);
        doc.heading("Findings", 1);
        doc.paragraph(exercise.findings().isBlank() ? "Recorded when the exercise ends." : exercise.findings(),
                TextStyle.BODY);
    }
}
