package dev.arbiter.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.assessment.Assessment;
import dev.arbiter.core.assessment.AssessmentContent;
import dev.arbiter.core.assessment.DataClassification;
import dev.arbiter.core.assessment.ReviewCadence;
import dev.arbiter.core.assessment.Risk;
import dev.arbiter.core.assessment.SystemOverview;
import dev.arbiter.core.demo.DemoWorkspace;
import dev.arbiter.core.readiness.ReadinessEvidence;
import dev.arbiter.report.assessment.AssessmentReport;
import dev.arbiter.report.metrics.GovernanceReviewReport;
import dev.arbiter.report.readiness.ReadinessReport;
import dev.arbiter.report.vendor.VendorReport;
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
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
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
 * The reports meant to be kept for years are PDF/A-2a and PDF/UA-1: the assessment (with names in Hebrew,
 * Arabic and Thai), the readiness report and the governance review of the demo workspace pass veraPDF's
 * PDF/A-2a and PDF/UA-1 profiles, their metadata says what their Info dictionary says, and their structure
 * gives a screen reader headings, lists, tables with header cells and every chart's figures in words.
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
    void anAssessmentWithNamesInFourScriptsIsPdfA2aAndUa1() throws Exception {
        String system = "מערכת סיווג · نظام الفرز · ระบบคัดแยก · दावा वर्गीकरण प्रणाली";
        Assessment a = ws.assessments().create(system, "דנה כהן", "lead");
        ws.assessments().saveDraft(a.id(), 1, new AssessmentContent(
                new SystemOverview(system, "Routes claims to adjusters", 2, List.of("claims-intake"),
                        List.of("claims-db"), "ซุนีตา ชาร์มา · क्षेत्र परीक्षण"),
                new DataClassification(Set.of(), Set.of(), "", ""),
                List.of(new Risk("Data exfiltration", true, 4, 3, "DLP on every outbound call", "דנה כהן", 2, 3),
                        new Risk("Cost overruns", true, 4, 3, "Daily budget", "lead", 1, 2)),
                ReviewCadence.QUARTERLY), "lead");
        Path pdf = dir.resolve("assessment.pdf");
        new AssessmentReport(ws.assessments().get(a.id()), ws.assessments().tolerance(), NOW, ZoneId.of("Asia/Jerusalem"))
                .write(pdf);

        assertArchival(pdf);
        assertThat(figures(pdf)).as("each heat map read out marker by marker, two risks sharing a cell")
                .anySatisfy(alt -> assertThat(alt).startsWith("Before mitigation (inherent) (risk heat map).")
                        .contains("risk 1 at likelihood 4, impact 3 (score 12").contains("risk 2 at likelihood 4, impact 3"))
                .anySatisfy(alt -> assertThat(alt).startsWith("After mitigation (residual)")
                        .contains("risk 1 at likelihood 2, impact 3").contains("risk 2 at likelihood 1, impact 2"));
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertThat(text).as("Devanagari extracted as typed").contains("दावा वर्गीकरण प्रणाली")
                    .contains("क्षेत्र परीक्षण");
        }
    }

    @Test
    void theReadinessReportIsPdfA2aAndUa1() throws Exception {
        var readiness = ws.readiness();
        Path pdf = dir.resolve("readiness.pdf");
        ReadinessReport.export(readiness, readiness.latestCompleted().orElseThrow().id(), NOW, pdf,
                ReadinessEvidence.gather(ws.exercises(), ws.vendorOverview()));

        assertArchival(pdf);
        assertThat(figures(pdf)).as("the radar and the trend, each with its figures")
                .anySatisfy(alt -> assertThat(alt).startsWith("Scores by dimension (radar chart).").containsPattern(": \\p{L}.* \\d"))
                .anySatisfy(alt -> assertThat(alt).startsWith("Total score over time (line chart)."));
    }

    @Test
    void theGovernanceReviewWithItsChartsIsPdfA2aAndUa1() throws Exception {
        Path pdf = dir.resolve("review.pdf");
        new GovernanceReviewReport(ws.metrics().review(YearMonth.now(ZoneOffset.UTC)), ZoneId.of("Asia/Kolkata"), "Zoë")
                .write(pdf);

        assertArchival(pdf);
        assertThat(figures(pdf)).as("every chart of the review has its figures as alternate text").hasSize(5)
                .anySatisfy(alt -> assertThat(alt).startsWith("Share of decisions that went to a person (bar chart).")
                        .containsPattern("\\d%"));
    }

    @Test
    void theVendorReportWithItsTablesIsPdfA2aAndUa1() throws Exception {
        Path pdf = dir.resolve("vendors.pdf");
        new VendorReport(ws.vendorOverview(), NOW, ZoneId.of("America/New_York"), "Zoë").write(pdf);

        assertArchival(pdf);
    }

    /**
     * Tagged for screen readers: PDF/A-2a and PDF/UA-1 by veraPDF (UA's 7.1 fails on any content neither tagged nor
     * an artifact, 7.3 on a figure without alternate text), headings, paragraphs, and tables with header cells
     * in the structure, and the title shown in the window's title bar.
     */
    private static void assertTagged(Path pdf) throws Exception {
        assertThat(PdfA.uaViolations(pdf)).as("veraPDF, PDF/UA-1, " + pdf.getFileName()).isEmpty();
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            PDDocumentCatalog catalog = doc.getDocumentCatalog();
            assertThat(catalog.getMarkInfo().isMarked()).isTrue();
            assertThat(catalog.getViewerPreferences().displayDocTitle()).isTrue();
            List<String> types = new ArrayList<>();
            walk(catalog.getStructureTreeRoot().getKids(), e -> types.add(e.getStructureType()));
            assertThat(types).first().isEqualTo("Document");
            assertThat(types).contains("H1", "P", "Table", "TR", "TH", "TD");
            if (types.contains("L")) {
                assertThat(types).as("a list's items are labelled").contains("LI", "Lbl", "LBody");
            }
            for (PDPage page : doc.getPages()) {
                assertThat(page.getStructParents()).as("every page in the parent tree").isGreaterThanOrEqualTo(0);
            }
        }
    }

    /** The alternate text of every Figure in the structure, in reading order. */
    private static List<String> figures(Path pdf) throws Exception {
        List<String> alts = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            walk(doc.getDocumentCatalog().getStructureTreeRoot().getKids(), e -> {
                if (e.getStructureType().equals("Figure")) {
                    alts.add(e.getAlternateDescription());
                }
            });
        }
        return alts;
    }

    private static void walk(List<Object> kids, java.util.function.Consumer<PDStructureElement> visit) {
        for (Object kid : kids) {
            if (kid instanceof PDStructureElement e) {
                visit.accept(e);
                walk(e.getKids(), visit);
            }
        }
    }

    private static void assertArchival(Path pdf) throws Exception {
        assertThat(PdfA.violations(pdf)).as("veraPDF, PDF/A-2a, " + pdf.getFileName()).isEmpty();
        assertTagged(pdf);
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            PDDocumentInformation info = doc.getDocumentInformation();
            XMPMetadata xmp = new DomXmpParser().parse(doc.getDocumentCatalog().getMetadata().exportXMPMetadata());
            assertThat(xmp.getPDFAIdentificationSchema().getPart()).isEqualTo(2);
            assertThat(xmp.getPDFAIdentificationSchema().getConformance()).isEqualTo("A");
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
