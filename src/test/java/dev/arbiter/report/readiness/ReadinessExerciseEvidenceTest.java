package dev.arbiter.report.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.decision.TestClock;
import dev.arbiter.core.exercise.ExercisePlan;
import dev.arbiter.core.playbook.PlaybookLibrary;
import dev.arbiter.core.readiness.Assessment;
import dev.arbiter.core.readiness.Dimension;
import dev.arbiter.core.readiness.ReadinessEvidence;
import dev.arbiter.core.store.DataDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17: completed tabletop exercises are evidence beside "Incident Response", never a score change. */
class ReadinessExerciseEvidenceTest {

    @TempDir
    Path dir;

    @Test
    void completedExercisesAreShownBesideTheScoreWhichStaysTheAssessors() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-11-30T09:00:00Z"));
        try (Workspace ws = Workspace.open(new DataDirectory(dir), clock)) {
            Assessment a = ws.readiness().start("Acme", LocalDate.of(2026, 11, 30), "Zoë", "test");
            a = a.withScore(Dimension.INCIDENT_RESPONSE, 2).withNotes(Dimension.INCIDENT_RESPONSE, "IR plan v1");
            ws.readiness().saveDraft(a);
            assertThat(ReadinessEvidence.gather(ws.exercises(), ws.vendorOverview()).of(Dimension.INCIDENT_RESPONSE))
                    .singleElement().asString().startsWith("No tabletop exercise completed yet");

            for (int run = 0; run < 2; run++) {
                PlaybookLibrary.Source s = ws.playbooks().source("hallucinated-decision");
                long id = ws.exercises().plan(new ExercisePlan("Made-up refund policy", List.of("Ann", "Ben"), "Fay"),
                        s.file(), s.yaml(), "fay").id();
                ws.exercises().start(id, "fay");
                for (int step = 1; step <= 4 + run; step++) {
                    clock.advance(Duration.ofMinutes(1));
                    ws.exercises().completeStep(id, step, "Ann", "", "fay");
                }
                ws.exercises().end(id, "ok", "fay");
            }
            ReadinessEvidence evidence = ReadinessEvidence.gather(ws.exercises(), ws.vendorOverview());
            assertThat(evidence.of(Dimension.INCIDENT_RESPONSE))
                    .containsExactly("2 tabletop exercises completed, latest 2026-11-30, score 100 %");
            assertThat(evidence.of(Dimension.SECURITY_INFRASTRUCTURE)).isEmpty();

            Path pdf = dir.resolve("readiness.pdf");
            ReadinessReport.export(ws.readiness(), a.id(), clock.instant(), pdf, evidence);
            String text;
            try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
                text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            }
            assertThat(text).contains("IR plan v1 · Evidence in Arbiter: 2 tabletop exercises completed, latest"
                    + " 2026-11-30, score 100 %");
            assertThat(ws.readiness().require(a.id()).score(Dimension.INCIDENT_RESPONSE).score()).isEqualTo(2);
        }
    }
}
