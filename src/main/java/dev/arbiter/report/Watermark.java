package dev.arbiter.report;

import java.awt.Color;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.PathIterator;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;

/**
 * Large faint diagonal text across a page ("DRAFT"). Drawn as glyph outlines, not text, so that copying or
 * searching the report's text does not pick up stray letters of it.
 */
final class Watermark {

    private Watermark() {
    }

    /** Fills {@code text}'s outlines, 110 pt bold, grey at 10 % opacity, turned 52° about the centre of {@code size}. */
    static void draw(PDPageContentStream page, PDRectangle size, String text) throws IOException {
        PDExtendedGraphicsState faint = new PDExtendedGraphicsState();
        faint.setNonStrokingAlphaConstant(0.1f);
        Shape outline = ReportFonts.awt(110, true)
                .createGlyphVector(new FontRenderContext(null, true, true), text).getOutline();
        Rectangle2D bounds = outline.getBounds2D();
        AffineTransform place = new AffineTransform();
        place.translate(size.getWidth() / 2, size.getHeight() / 2);
        place.rotate(Math.toRadians(52));
        place.scale(1, -1); // AWT's y grows downwards, PDF's upwards
        place.translate(-bounds.getCenterX(), -bounds.getCenterY());
        page.saveGraphicsState();
        page.setGraphicsStateParameters(faint);
        page.setNonStrokingColor(Color.GRAY);
        trace(page, outline.getPathIterator(place));
        page.fill();
        page.restoreGraphicsState();
    }

    /** Copies the outline's path into the page's current path. */
    private static void trace(PDPageContentStream page, PathIterator it) throws IOException {
        float[] c = new float[6];
        float x = 0;
        float y = 0;
        for (; !it.isDone(); it.next()) {
            switch (it.currentSegment(c)) {
                case PathIterator.SEG_MOVETO -> {
                    page.moveTo(c[0], c[1]);
                    x = c[0];
                    y = c[1];
                }
                case PathIterator.SEG_LINETO -> {
                    page.lineTo(c[0], c[1]);
                    x = c[0];
                    y = c[1];
                }
                case PathIterator.SEG_QUADTO -> {
                    // PDF has only cubic curves: raise the quadratic's degree
                    page.curveTo(x + 2f / 3 * (c[0] - x), y + 2f / 3 * (c[1] - y),
                            c[2] + 2f / 3 * (c[0] - c[2]), c[3] + 2f / 3 * (c[1] - c[3]), c[2], c[3]);
                    x = c[2];
                    y = c[3];
                }
                case PathIterator.SEG_CUBICTO -> {
                    page.curveTo(c[0], c[1], c[2], c[3], c[4], c[5]);
                    x = c[4];
                    y = c[5];
                }
                default -> page.closePath();
            }
        }
    }
}
