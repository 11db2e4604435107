package dev.arbiter.report.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.assessment.Assessment;
import dev.arbiter.core.assessment.AssessmentContent;
import dev.arbiter.core.assessment.AssessmentService;
import dev.arbiter.core.assessment.DataClass;
import dev.arbiter.core.assessment.DataClassification;
import dev.arbiter.core.assessment.Rating;
import dev.arbiter.core.assessment.Regulation;
import dev.arbiter.core.assessment.ReviewCadence;
import dev.arbiter.core.assessment.ReviewKind;
import dev.arbiter.core.assessment.Risk;
import dev.arbiter.core.assessment.SystemOverview;
import dev.arbiter.core.assessment.Verdict;
import dev.arbiter.report.ReportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssessmentReportTest {

    private static final Instant NOW = Instant.parse("2026-03-16T14:00:00Z");

    @TempDir
    Path dir;
    Workspace workspace;
    AssessmentService service;

    @BeforeEach
    void open() {
        workspace = TestWorkspaces.open(dir.resolve("ws"));
        service = workspace.assessments();
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    private Assessment inReview() {
        Assessment a = service.create("Claims triage assistant", "Ана Иванова", "lead");
        List<Risk> risks = new ArrayList<>();
        for (String category : Risk.GUIDE_CATEGORIES) {
            risks.add(Risk.of(category, true, new Rating(3, 3), "Scoped tokens; output validation", "山田 花子",
                    new Rating(2, 2)));
        }
        risks.add(Risk.of("Prompt injection via claim attachments", false, new Rating(4, 4),
                "Attachments parsed in a sandbox; no tool calls from attachment text", "Security Engineering",
                new Rating(3, 4)));
        service.saveDraft(a.id(), 1, new AssessmentContent(
                new SystemOverview("Claims triage assistant", "Routes insurance claims to adjusters", 2,
                        List.of("claims-intake", "claims-router"), List.of("claims-db", "document-ocr"), "Ана Иванова"),
                new DataClassification(Set.of(DataClass.PII, DataClass.PHI), Set.of(Regulation.GDPR, Regulation.HIPAA),
                        "EU data stays in the EU", "7 years"),
                risks, ReviewCadence.QUARTERLY), "lead");
        service.submit(a.id(), "lead");
        return service.recordReview(a.id(), ReviewKind.SECURITY, Verdict.PASS, "Zoë Ñúñez", "Sandbox verified",
                "lead");
    }

    private static List<String> pages(Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            List<String> pages = new ArrayList<>();
            PDFTextStripper stripper = new PDFTextStripper();
            for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                pages.add(stripper.getText(doc).replaceAll("\\s+", " "));
            }
            return pages;
        }
    }

    @Test
    void draftReportNamesTheSystemRisksAndPeopleAndIsMarkedDraftOnEveryPage() throws IOException {
        Assessment a = inReview();
        Path pdf = dir.resolve("ra.pdf");

        AssessmentReport.export(service, a.id(), null, NOW, pdf);

        List<String> pages = pages(pdf);
        String all = String.join(" ", pages);
        assertThat(all).contains("Claims triage assistant", "Prompt injection via claim attachments",
                "Data exfiltration", "Ана Иванова", "山田 花子", "Zoë Ñúñez", "HIPAA");
        assertThat(pages).allSatisfy(page -> assertThat(page).contains("DRAFT"));
        assertThat(pages.get(pages.size() - 1)).contains("Page " + pages.size() + " of " + pages.size());
        assertThat(all).contains("Compliance review has not been recorded.");
    }

    @Test
    void everyFontIsEmbedded() throws IOException {
        Assessment a = inReview();
        Path pdf = dir.resolve("fonts.pdf");
        AssessmentReport.export(service, a.id(), null, NOW, pdf);

        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            List<PDFont> fonts = new ArrayList<>();
            for (var page : doc.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    fonts.add(page.getResources().getFont(name));
                }
            }
            assertThat(fonts).isNotEmpty().allMatch(PDFont::isEmbedded);
        }
    }

    @Test
    void approvedReportCarriesNoDraftMarkAndShowsTheSignOffs() throws IOException {
        Assessment a = inReview();
        service.recordReview(a.id(), ReviewKind.COMPLIANCE, Verdict.PASS, "Lena Park", "", "lead");
        service.recordReview(a.id(), ReviewKind.ARCHITECTURE, Verdict.PASS, "渡辺 健二", "", "lead");
        service.acceptException(a.id(), "Prompt injection via claim attachments", "Sandbox reviewed", "cto");
        service.approve(a.id(), "Go", "cto");
        Path pdf = dir.resolve("approved.pdf");

        AssessmentReport.export(service, a.id(), null, NOW, pdf);

        String all = String.join(" ", pages(pdf));
        assertThat(all).doesNotContain("DRAFT").contains("APPROVED", "渡辺 健二", "Lena Park",
                "Accepted by cto", "Next re-assessment due");
        assertThat(AssessmentReport.watermark(service.get(a.id()).status())).isEmpty();
    }

    @Test
    void unwritableTargetNamesTheFile() throws IOException {
        Assessment a = inReview();
        Path blocker = Files.writeString(dir.resolve("not-a-folder"), "x");
        Path target = blocker.resolve("ra.pdf");
        assertThatThrownBy(() -> AssessmentReport.export(service, a.id(), null, NOW, target))
                .isInstanceOf(ReportException.class).hasMessageContaining(target.toString());
    }
}
