package dev.arbiter.report.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.assessment.Assessment;
import dev.arbiter.core.assessment.AssessmentContent;
import dev.arbiter.core.assessment.AssessmentService;
import dev.arbiter.core.assessment.DataClassification;
import dev.arbiter.core.assessment.ReviewCadence;
import dev.arbiter.core.assessment.SystemOverview;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Names in the world's scripts come back out of the PDF as they were typed:
 * right-to-left ones in logical order (so they were drawn right to left),
 * Arabic shaped, none as "?".
 */
class WorldScriptsReportTest {

    private static final Instant NOW = Instant.parse("2026-11-30T04:04:00Z");

    @org.junit.jupiter.api.io.TempDir
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

    private Assessment named(String system, String owner) {
        Assessment a = service.create(system, owner, "lead");
        service.saveDraft(a.id(), 1, new AssessmentContent(
                new SystemOverview(system, "Routes claims (" + system + ") to adjusters", 2,
                        List.of("claims-intake"), List.of("claims-db"), owner),
                new DataClassification(Set.of(), Set.of(), "", ""), List.of(), ReviewCadence.QUARTERLY), "lead");
        return service.get(a.id());
    }

    private Path render(Assessment a, ZoneId zone) {
        Path pdf = dir.resolve(a.id() + "-" + zone.getId().replace('/', '-') + ".pdf");
        new AssessmentReport(a, service.tolerance(), NOW, zone).write(pdf);
        return pdf;
    }

    private static String text(Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(doc);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"מערכת סיווג תביעות", "نظام فرز المطالبات", "ระบบคัดแยกคำร้อง", "מערכת CRM 2 לשירות",
            "نظام (CRM) للخدمة", "لا إله", "מערכת [ביקורת] ראשית"})
    void aSystemNameInAnyScriptIsExtractedAsTyped(String system) throws IOException {
        Assessment a = named(system, "Dana Reyes");

        String text = text(render(a, ZoneId.of("UTC")));

        assertThat(text).contains(system);
    }

    /**
     * Devanagari is drawn with its conjuncts (PDFBox applies the font's GSUB
     * table), so its conjunct glyphs have no one-to-one Unicode mapping and
     * extraction is approximate; what must hold is that every character got a
     * glyph (no "?") from the Devanagari font.
     */
    @Test
    void devanagariIsDrawnInItsOwnFontNeverAsQuestionMarks() throws IOException {
        Assessment a = named("दावा वर्गीकरण प्रणाली", "राजेश कुमार");
        Path pdf = render(a, ZoneId.of("UTC"));

        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            List<String> fonts = new java.util.ArrayList<>();
            for (var name : doc.getPage(0).getResources().getFontNames()) {
                fonts.add(doc.getPage(0).getResources().getFont(name).getName());
            }
            assertThat(fonts).anyMatch(f -> f.contains("NotoSansDevanagari"));
        }
        assertThat(text(pdf).lines().filter(l -> l.contains("दावा"))).isNotEmpty().noneMatch(l -> l.contains("?"));
    }

    @Test
    void hebrewAndArabicOnOneLineWithLatinKeepTheirOrder() throws IOException {
        Assessment a = named("Claims triage", "דנה רייס / دانة ريس");

        String text = text(render(a, ZoneId.of("UTC")));

        assertThat(text).contains("דנה רייס").contains("دانة ريس");
    }

    @Test
    void everyTimeNamesItsOffsetSoTwoZonesShowOneInstant() throws IOException {
        Assessment a = named("Claims triage", "Dana Reyes");

        String utc = text(render(a, ZoneId.of("UTC")));
        String sydney = text(render(a, ZoneId.of("Australia/Sydney")));
        String newYork = text(render(a, ZoneId.of("America/New_York")));

        assertThat(utc).contains("generated 2026-11-30 04:04 UTC");
        assertThat(sydney).contains("generated 2026-11-30 15:04 UTC+11:00");
        assertThat(newYork).contains("generated 2026-11-29 23:04 UTC-05:00");
        for (String report : List.of(utc, sydney, newYork)) {
            assertThat(report).doesNotContainPattern("(?<![+-])\\d\\d:\\d\\d(?! UTC)");
        }
    }
}
