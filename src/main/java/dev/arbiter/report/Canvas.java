package dev.arbiter.report;

import java.awt.Color;
import java.io.IOException;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDPropertyList;

/**
 * Drawing on one page's content stream in page coordinates (points, origin
 * bottom-left): text in the report fonts, filled rectangles, lines.
 */
final class Canvas {

    private static final COSName SPAN = COSName.getPDFName("Span");

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
            if (fonts.ligatures().needsActualText(run.font(), run.text())) {
                // a conjunct's glyph is several characters, and a vowel sign may be drawn before its consonant:
                // extraction and screen readers take the characters as typed from here (LigatureText)
                COSDictionary span = new COSDictionary();
                span.setString(COSName.ACTUAL_TEXT, run.text());
                stream.beginMarkedContent(SPAN, PDPropertyList.create(span));
                stream.showText(run.text());
                stream.endMarkedContent();
            } else {
                stream.showText(run.text());
            }
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
