package dev.arbiter.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.assessment.Assessment;
import dev.arbiter.core.assessment.AssessmentContent;
import dev.arbiter.core.assessment.DataClassification;
import dev.arbiter.core.assessment.ReviewCadence;
import dev.arbiter.core.assessment.SystemOverview;
import dev.arbiter.core.demo.DemoWorkspace;
import dev.arbiter.core.readiness.ReadinessEvidence;
import dev.arbiter.report.assessment.AssessmentReport;
import dev.arbiter.report.metrics.GovernanceReviewReport;
import dev.arbiter.report.readiness.ReadinessReport;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.xml.DomXmpParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reports meant to be kept for years are PDF/A-2u: the assessment (with names in Hebrew, Arabic
 * and Thai), the readiness report and the governance review of the demo workspace pass veraPDF's
 * PDF/A-2u profile, and their metadata says what their Info dictionary says.
 *
 * <p>Devanagari too: PDFBox draws its conjuncts (र्म, प्र, क्ष) as substituted glyphs that its subset's
 * ToUnicode map left out (ISO 19005-2 §6.2.11.7.2); {@code LigatureText} adds them, and marks each such run
 * with its ActualText so extraction gives the characters as typed.
 */
class ArchivalReportsTest {

    private static final Instant NOW = Instant.parse("2026-11-30T04:04:00Z");

    @TempDir
    static Path dir;
    static Workspace ws;

    @BeforeAll
    static void open() {
        ws = TestWorkspaces.open(dir.resolve("ws"));
        DemoWorkspace.seed(ws);
    }

    @AfterAll
    static void close() {
        ws.close();
    }

    @Test
    void anAssessmentWithNamesInFourScriptsIsPdfA2u() throws Exception {
        String system = "מערכת סיווג · نظام الفرز · ระบบคัดแยก · दावा वर्गीकरण प्रणाली";
        Assessment a = ws.assessments().create(system, "דנה כהן", "lead");
        ws.assessments().saveDraft(a.id(), 1, new AssessmentContent(
                new SystemOverview(system, "Routes claims to adjusters", 2, List.of("claims-intake"),
                        List.of("claims-db"), "ซุนีตา ชาร์มา · क्षेत्र परीक्षण"),
                new DataClassification(Set.of(), Set.of(), "", ""), List.of(), ReviewCadence.QUARTERLY), "lead");
        Path pdf = dir.resolve("assessment.pdf");
        new AssessmentReport(ws.assessments().get(a.id()), ws.assessments().tolerance(), NOW, ZoneId.of("Asia/Jerusalem"))
                .write(pdf);

        assertArchival(pdf);
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertThat(text).as("Devanagari extracted as typed").contains("दावा वर्गीकरण प्रणाली")
                    .contains("क्षेत्र परीक्षण");
        }
    }

    @Test
    void theReadinessReportIsPdfA2u() throws Exception {
        var readiness = ws.readiness();
        Path pdf = dir.resolve("readiness.pdf");
        ReadinessReport.export(readiness, readiness.latestCompleted().orElseThrow().id(), NOW, pdf,
                ReadinessEvidence.gather(ws.exercises(), ws.vendorOverview()));

        assertArchival(pdf);
    }

    @Test
    void theGovernanceReviewWithItsChartsIsPdfA2u() throws Exception {
        Path pdf = dir.resolve("review.pdf");
        new GovernanceReviewReport(ws.metrics().review(YearMonth.now(ZoneOffset.UTC)), ZoneId.of("Asia/Kolkata"), "Zoë")
                .write(pdf);

        assertArchival(pdf);
    }

    private static void assertArchival(Path pdf) throws Exception {
        assertThat(PdfA.violations(pdf)).as("veraPDF, PDF/A-2u, " + pdf.getFileName()).isEmpty();
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            PDDocumentInformation info = doc.getDocumentInformation();
            XMPMetadata xmp = new DomXmpParser().parse(doc.getDocumentCatalog().getMetadata().exportXMPMetadata());
            assertThat(xmp.getPDFAIdentificationSchema().getPart()).isEqualTo(2);
            assertThat(xmp.getPDFAIdentificationSchema().getConformance()).isEqualTo("U");
            assertThat(info.getTitle()).isNotBlank().isEqualTo(xmp.getDublinCoreSchema().getTitle());
            assertThat(info.getCreator()).isEqualTo("Arbiter").isEqualTo(xmp.getXMPBasicSchema().getCreatorTool());
            Calendar created = xmp.getXMPBasicSchema().getCreateDate();
            assertThat(created.toInstant()).isEqualTo(info.getCreationDate().toInstant());
            assertThat(created.getTimeZone().getRawOffset()).as("a date with its zone (UTC)").isZero();
            assertThat(doc.getDocumentCatalog().getLanguage()).isEqualTo("en");
            List<PDOutputIntent> intents = doc.getDocumentCatalog().getOutputIntents();
            assertThat(intents).singleElement().satisfies(i ->
                    assertThat(i.getOutputConditionIdentifier()).isEqualTo("sRGB IEC61966-2.1"));
            List<String> notEmbedded = new ArrayList<>();
            for (PDPage page : doc.getPages()) {
                fonts(page.getResources(), notEmbedded);
            }
            assertThat(notEmbedded).as("fonts not embedded").isEmpty();
        }
    }

    /** Every font of {@code resources} and the forms (charts) in them whose program is not in the file. */
    private static void fonts(PDResources resources, List<String> notEmbedded) throws Exception {
        if (resources == null) {
            return;
        }
        for (COSName name : resources.getFontNames()) {
            PDFont font = resources.getFont(name);
            boolean embedded = font instanceof PDType0Font t0 ? t0.getDescendantFont().isEmbedded() : font.isEmbedded();
            if (!embedded) {
                notEmbedded.add(font.getName());
            }
        }
        for (COSName name : resources.getXObjectNames()) {
            PDXObject x = resources.getXObject(name);
            if (x instanceof PDFormXObject form) {
                fonts(form.getResources(), notEmbedded);
            }
        }
    }
}
