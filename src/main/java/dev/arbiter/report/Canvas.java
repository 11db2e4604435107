package dev.arbiter.report;

import java.awt.Color;
import java.io.IOException;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

/**
 * Drawing on one page's content stream in page coordinates (points, origin
 * bottom-left): text in the report fonts, filled rectangles, lines.
 */
final class Canvas {

    private final PDPageContentStream stream;
    private final ReportFonts fonts;

    Canvas(PDPageContentStream stream, ReportFonts fonts) {
        this.stream = stream;
        this.fonts = fonts;
    }

    /** Draws one line of text with its baseline at {@code y}; returns its width. */
    float text(float x, float y, String text, TextStyle style) throws IOException {
        if (text.isEmpty()) {
            return 0;
        }
        stream.beginText();
        stream.setNonStrokingColor(style.color());
        stream.newLineAtOffset(x, y);
        for (ReportFonts.Run run : fonts.runs(text, style.bold())) {
            stream.setFont(run.font(), style.size());
            stream.showText(run.text());
        }
        stream.endText();
        return fonts.width(text, style);
    }

    void textRight(float right, float y, String text, TextStyle style) throws IOException {
        text(right - fonts.width(text, style), y, text, style);
    }

    void textCentered(float center, float y, String text, TextStyle style) throws IOException {
        text(center - fonts.width(text, style) / 2, y, text, style);
    }

    void fill(float x, float y, float w, float h, Color color) throws IOException {
        stream.setNonStrokingColor(color);
        stream.addRect(x, y, w, h);
        stream.fill();
    }


    void line(float x1, float y1, float x2, float y2, Color color, float lineWidth) throws IOException {
        stream.setStrokingColor(color);
        stream.setLineWidth(lineWidth);
        stream.moveTo(x1, y1);
        stream.lineTo(x2, y2);
        stream.stroke();
    }
}
