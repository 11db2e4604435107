package dev.arbiter.report;

import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

/**
 * What every finished page of a report carries around its content: the header (report title left, subject
 * right, a rule), the footer (the note left, "Page X of Y" right, a rule) and, if set, the watermark over the
 * content (over, so table fills cannot hide it). All of it is tagged as artifacts, which a screen reader skips.
 */
final class PageFrame {

    private final PDDocument document;
    private final ReportFonts fonts;
    private final StructureTree tree;
    private final ReportDocument.Setup setup;

    PageFrame(PDDocument document, ReportFonts fonts, StructureTree tree, ReportDocument.Setup setup) {
        this.document = document;
        this.fonts = fonts;
        this.tree = tree;
        this.setup = setup;
    }

    /** Frames every page of the document; {@code titlePages} get the footer and watermark but no header. */
    void drawOnAllPages(List<PDPage> titlePages) throws IOException {
        int count = document.getNumberOfPages();
        for (int i = 0; i < count; i++) {
            PDPage p = document.getPage(i);
            try (PDPageContentStream over = new PDPageContentStream(document, p,
                    PDPageContentStream.AppendMode.APPEND, true, true)) {
                draw(over, !titlePages.contains(p), i + 1, count);
            }
        }
    }

    private void draw(PDPageContentStream over, boolean withHeader, int number, int count) throws IOException {
        if (setup.watermark().isPresent()) {
            tree.artifact(over, StructureTree.ArtifactKind.WATERMARK,
                    () -> Watermark.draw(over, PageFlow.SIZE, setup.watermark().get()));
        }
        TextStyle small = TextStyle.SMALL;
        Canvas c = new Canvas(over, fonts);
        float left = PageFlow.MARGIN;
        float right = PageFlow.SIZE.getWidth() - PageFlow.MARGIN;
        if (withHeader) {
            float headerY = PageFlow.SIZE.getHeight() - 36;
            tree.artifact(over, StructureTree.ArtifactKind.HEADER, () -> {
                c.text(left, headerY, setup.title(), small.bolder());
                c.textRight(right, headerY, setup.subject(), small);
                c.line(left, headerY - 6, right, headerY - 6, Table.RULE, 0.6f);
            });
        }
        float footerY = 32;
        tree.artifact(over, StructureTree.ArtifactKind.FOOTER, () -> {
            c.line(left, footerY + 11, right, footerY + 11, Table.RULE, 0.6f);
            c.text(left, footerY, setup.footerNote(), small);
            c.textRight(right, footerY, "Page " + number + " of " + count, small);
        });
    }
}
