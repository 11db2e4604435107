package dev.arbiter.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;

/**
 * The page a report is being written on and the position on it: content goes top to bottom on A4 pages and
 * continues on a new page when the current one is full. Everything drawn is either content of an element of
 * the structure tree ({@link #tagged}) or an artifact a screen reader skips ({@link #artifact}).
 *
 * <p>Positions are in PDF points from the page's bottom left corner. Not thread-safe.
 */
final class PageFlow {

    static final PDRectangle SIZE = PDRectangle.A4;
    static final float MARGIN = 50;
    /** Where content starts on a page, below the header. */
    static final float TOP = SIZE.getHeight() - 62;
    /** Where content ends on a page, above the footer. */
    static final float BOTTOM = 58;
    static final float CONTENT_WIDTH = SIZE.getWidth() - 2 * MARGIN;

    private final PDDocument document;
    private final ReportFonts fonts;
    private final TextWrap wrap;
    private final StructureTree tree;
    private final List<PDPage> titlePages = new ArrayList<>();
    private PDPage page;
    private PDPageContentStream stream;
    private Canvas canvas;
    private float y;

    PageFlow(PDDocument document, ReportFonts fonts, TextWrap wrap, StructureTree tree) {
        this.document = document;
        this.fonts = fonts;
        this.wrap = wrap;
        this.tree = tree;
    }

    /** Space left on the current page, in points (0 before the first page). */
    float remaining() {
        return page == null ? 0 : y - BOTTOM;
    }

    /** Starts a new page; content continues at its top. */
    void newPage() {
        closeStream();
        page = new PDPage(SIZE);
        document.addPage(page);
        try {
            stream = new PDPageContentStream(document, page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        canvas = new Canvas(stream, fonts);
        y = TOP;
    }

    /** Starts a new page that will carry no page header ({@link PageFrame}). */
    void newTitlePage() {
        newPage();
        titlePages.add(page);
    }

    /** The pages started by {@link #newTitlePage}. */
    List<PDPage> titlePages() {
        return titlePages;
    }

    /** Starts the first page if there is none yet. */
    void ensurePage() {
        if (page == null) {
            newPage();
        }
    }

    /** Moves to a new page unless {@code height} points fit on this one: keeps a block together. */
    void keepTogether(float height) {
        if (page == null || remaining() < height) {
            newPage();
        }
    }

    /** The current position's height on the page. */
    float y() {
        return y;
    }

    /** Moves down by {@code height} points (up if negative); never starts a page. */
    void down(float height) {
        y -= height;
    }

    /** Moves to height {@code at} on the current page. */
    void moveTo(float at) {
        y = at;
    }

    /** Draws on the current page; valid until the next {@link #newPage}. */
    Canvas canvas() {
        return canvas;
    }

    /** The current page's content stream, for drawing a canvas cannot (forms); valid until the next page. */
    PDPageContentStream stream() {
        return stream;
    }

    /** A new block of {@code type} at the end of the document's structure. */
    PDStructureElement block(String type) {
        return tree.add(tree.document(), type);
    }

    /** Draws real content of {@code element} on the current page. */
    void tagged(PDStructureElement element, StructureTree.Drawing drawing) {
        try {
            tree.mark(stream, page, element, drawing);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Draws rules, fills and other layout on the current page, which a reader skips. */
    void artifact(StructureTree.Drawing drawing) {
        try {
            tree.artifact(stream, StructureTree.ArtifactKind.LAYOUT, drawing);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes wrapped text at {@code x}, moving down a line each, onto new pages as needed; every line is
     * content of {@code element}.
     */
    void lines(PDStructureElement element, String text, TextStyle style, float x, float width) {
        for (String line : wrap.lines(text, style, width)) {
            if (remaining() < style.leading()) {
                newPage();
            }
            float baseline = y - style.size();
            tagged(element, () -> canvas.text(x, baseline, line, style));
            y -= style.leading();
        }
    }

    /** Ends the current page's content stream; the next drawing needs a {@link #newPage}. */
    void closeStream() {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            stream = null;
        }
    }
}
