package dev.arbiter.report.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.readiness.Assessment;
import dev.arbiter.core.readiness.Dimension;
import dev.arbiter.core.readiness.Readiness;
import dev.arbiter.report.ReportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadinessReportTest {

    @TempDir
    Path dir;
    Workspace workspace;
    Readiness readiness;

    @BeforeEach
    void open() {
        workspace = TestWorkspaces.open(dir.resolve("ws"));
        readiness = workspace.readiness();
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    private Assessment assessment(String subject, LocalDate on, String assessor, boolean complete, int... scores) {
        Assessment a = readiness.start(subject, on, assessor, "test");
        Dimension[] all = Dimension.values();
        for (int i = 0; i < scores.length; i++) {
            a = a.withScore(all[i], scores[i]);
        }
        a = a.withNotes(Dimension.HUMAN_OVERSIGHT, "Escalation SLAs agreed with 山田 (Tokyo ops) and Zoë Ñúñez; "
                + "kill switch drilled on 2026-03-02.");
        readiness.saveDraft(a);
        return complete ? readiness.complete(a.id(), "cli:zoe") : readiness.require(a.id());
    }

    private static String text(Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            // table cells wrap, so compare with line breaks as plain spaces
            return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
    }

    private static int pages(Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return doc.getNumberOfPages();
        }
    }

    @Test
    void theReportCarriesScoresVerdictAndNamesInAnyScript() throws IOException {
        assessment("Acme Group", LocalDate.of(2025, 12, 15), "Zoë Ñúñez", true, 2, 3, 3, 3, 3, 3);
        Assessment now = assessment("Acme Group", LocalDate.of(2026, 3, 16), "山田 太郎", true, 4, 4, 3, 4, 3, 4);
        readiness.track(now.id(), "roadmap.anomaly-detection", "Zoë Ñúñez", "test");
        Path pdf = dir.resolve("readiness.pdf");

        ReadinessReport.export(readiness, now.id(), Instant.parse("2026-03-17T09:00:00Z"), pdf);

        String text = text(pdf);
        assertThat(text).contains("READY · 22/30")
                .contains("Security Infrastructure").contains("4 / 5")
                .contains("Between: Basic isolation")
                .contains("山田 太郎").contains("with 山田 (Tokyo").contains("Zoë Ñúñez")
                .contains("Improved: Security Infrastructure 2→4")
                .contains("Implement real-time anomaly detection on agent behaviour")
                .contains("Zoë Ñúñez · due 2026-06-14")
                .contains("Page 1 of " + pages(pdf));
        assertThat(text).doesNotContain("DRAFT");
    }

    @Test
    void aNotReadyDraftSaysSoAndIsMarkedDraft() throws IOException {
        Assessment draft = assessment("Payments BU", LocalDate.of(2026, 3, 16), "Zoë Ñúñez", false, 3, 3, 3, 1, 3);
        Path pdf = dir.resolve("draft.pdf");

        ReadinessReport.export(readiness, draft.id(), Instant.parse("2026-03-17T09:00:00Z"), pdf);

        assertThat(text(pdf)).contains("INCOMPLETE · 13/30 so far").contains("Draft: not final")
                .contains("Not scored").contains("Human Oversight is scored 1");
    }

    @Test
    void aFailedExportNamesTheFileAndLeavesNothingBehind() throws IOException {
        Assessment a = assessment("Acme", LocalDate.of(2026, 3, 16), "x", true, 3, 3, 3, 3, 3, 3);
        Path blocker = Files.writeString(dir.resolve("not-a-folder"), "x");
        Path target = blocker.resolve("report.pdf");

        assertThatThrownBy(() -> ReadinessReport.export(readiness, a.id(), Instant.now(), target))
                .isInstanceOf(ReportException.class)
                .hasMessageContaining(target.toString());
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).doesNotContain("report.pdf")
                .noneMatch(n -> n.startsWith(".arbiter-report-"));
    }
}
