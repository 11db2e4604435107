package dev.arbiter.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportDocumentTest {

    @TempDir
    Path dir;

    private static ReportDocument.Setup setup(Optional<String> watermark) {
        return new ReportDocument.Setup("Test report", "Subject ✓", "footer note", watermark, "Zoë");
    }

    private static List<String> pages(Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            PDFTextStripper stripper = new PDFTextStripper();
            List<String> pages = new java.util.ArrayList<>();
            for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                pages.add(stripper.getText(doc));
            }
            return pages;
        }
    }

    @Test
    void aLongTableRepeatsItsHeaderOnEveryPageAndEveryPageIsNumbered() throws IOException {
        Path pdf = dir.resolve("table.pdf");
        try (ReportDocument doc = ReportDocument.create(setup(Optional.empty()))) {
            doc.heading("Rows", 1);
            Table table = Table.of(Table.column("Number", 1), Table.column("Words", 4));
            for (int i = 1; i <= 120; i++) {
                table.row("row " + i, "Text that is long enough to wrap onto a second line in a narrow column, row " + i);
            }
            doc.table(table);
            doc.save(pdf);
        }

        List<String> pages = pages(pdf);

        assertThat(pages.size()).isGreaterThan(3);
        for (int p = 0; p < pages.size(); p++) {
            assertThat(pages.get(p)).contains("Number").contains("Words")
                    .contains("Page " + (p + 1) + " of " + pages.size()).contains("Test report");
        }
        assertThat(String.join("", pages)).contains("row 1\n").contains("row 120");
    }

    @Test
    void textInAnyScriptIsEmbeddedAndCharactersNoFontHasBecomeQuestionMarks() throws IOException {
        Path pdf = dir.resolve("scripts.pdf");
        String cjk = "山田太郎は東京の運用チームでエージェントのエスカレーションを担当しています。".repeat(6);
        try (ReportDocument doc = ReportDocument.create(setup(Optional.of("DRAFT")))) {
            doc.titlePage("kicker", "Zoë Ñúñez", "Ελληνικά · Русский", Optional.empty(), List.of());
            doc.newPage();
            doc.paragraph(cjk);
            doc.paragraph("Private use \uDB80\uDC00 has no glyph here.");
            doc.save(pdf);
        }

        String text = String.join("", pages(pdf)).replaceAll("\\s+", "");

        assertThat(text).contains("ZoëÑúñez").contains("Ελληνικά·Русский").contains(cjk)
                .contains("Privateuse?hasnoglyphhere.");
        // the watermark is drawn, not written: it does not pollute the text
        assertThat(text).doesNotContain("DRAFT");
    }

    @Test
    void chartsAreVectorsWithTheirLabelsAsText() throws IOException {
        Path pdf = dir.resolve("chart.pdf");
        try (ReportDocument doc = ReportDocument.create(setup(Optional.empty()))) {
            doc.heading("Charts", 1);
            doc.charts(List.of(
                    Charts.radar("Radar", List.of("Alpha axis", "Beta", "Gamma", "Delta"),
                            List.of(new Charts.Series("now", TextStyle.GOOD, List.of(4.0, 3.0, 5.0, 2.0))), 5),
                    Charts.trend("Trend", "Total", List.of(new Charts.Point("Q1", 17), new Charts.Point("Q2", 22)),
                            0, 30, OptionalDouble.of(20), "Ready at 20", TextStyle.ACCENT)),
                    240, 200);
            doc.save(pdf);
        }

        assertThat(pages(pdf)).singleElement().asString().contains("Alpha axis").contains("Ready at 20").contains("Q2");
    }
}
