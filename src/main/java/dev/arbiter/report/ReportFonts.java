package dev.arbiter.report;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The fonts of one PDF: DejaVu Sans and DejaVu Sans Bold for Latin, Greek and
 * Cyrillic, Noto Sans for Hebrew, Arabic, Thai and Devanagari, then Droid Sans
 * Fallback for CJK. Each character is set in the first font that has a glyph
 * for it, so "山田 (Zoë Ñúñez)" mixes two fonts on one line. All are embedded
 * as subsets (only the glyphs used), so a report renders the same everywhere
 * and its text can be searched and copied. Right-to-left lines are shaped and
 * reordered first ({@link VisualOrder}). A character no font has is printed as
 * "?" rather than failing the export.
 *
 * <p>TrueType only: PDFBox cannot embed CFF-based OpenType fonts.
 */
public final class ReportFonts implements AutoCloseable {

    private static final String REGULAR = "/fonts/DejaVuSans.ttf";
    private static final String BOLD = "/fonts/DejaVuSans-Bold.ttf";
    /** Scripts DejaVu lacks or draws poorly, regular and bold; all Noto (SIL OFL 1.1, see LICENSE-Noto.txt). */
    private static final List<String> SCRIPTS = List.of("Hebrew", "Arabic", "Thai", "Devanagari");
    private static final String FALLBACK = "/fonts/DroidSansFallbackFull.ttf";
    private static final Map<String, byte[]> FILES = new ConcurrentHashMap<>();
    private static final Map<String, Font> AWT = new ConcurrentHashMap<>();

    /** A font with its own glyph table, to ask "can you draw this character?". */
    private record Face(PDFont pdf, CmapLookup cmap) {
        boolean has(int codePoint) {
            return cmap.getGlyphId(codePoint) != 0;
        }
    }

    /** A stretch of text set in one font. */
    public record Run(PDFont font, String text) {
    }

    private final List<TrueTypeFont> open = new ArrayList<>();
    private final LigatureText ligatures = new LigatureText();
    private final List<Face> regular;
    private final List<Face> bold;

    private ReportFonts(PDDocument document) throws IOException {
        Face fallback = face(document, FALLBACK);
        List<Face> regularChain = new ArrayList<>(List.of(face(document, REGULAR)));
        List<Face> boldChain = new ArrayList<>(List.of(face(document, BOLD)));
        for (String script : SCRIPTS) {
            regularChain.add(face(document, "/fonts/NotoSans" + script + "-Regular.ttf"));
            boldChain.add(face(document, "/fonts/NotoSans" + script + "-Bold.ttf"));
        }
        regularChain.add(fallback);
        boldChain.add(fallback);
        this.regular = List.copyOf(regularChain);
        this.bold = List.copyOf(boldChain);
    }

    /** Loads the fonts into {@code document}; they are embedded when it is saved. */
    public static ReportFonts load(PDDocument document) {
        try {
            return new ReportFonts(document);
        } catch (IOException e) {
            throw new UncheckedIOException("The report fonts shipped with Arbiter cannot be read", e);
        }
    }

    private Face face(PDDocument document, String resource) throws IOException {
        TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(bytes(resource)));
        open.add(ttf);
        return new Face(PDType0Font.load(document, ttf, true), ttf.getUnicodeCmapLookup());
    }

    private static byte[] bytes(String resource) {
        return FILES.computeIfAbsent(resource, r -> {
            try (InputStream in = ReportFonts.class.getResourceAsStream(r)) {
                if (in == null) {
                    throw new IllegalStateException("Font " + r + " is missing from Arbiter");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read font " + r, e);
            }
        });
    }

    /** The glyphs drawn for several characters at once (Devanagari conjuncts), for their Unicode text. */
    LigatureText ligatures() {
        return ligatures;
    }

    /** The primary (DejaVu) PDF font of a weight; what charts register for their text. */
    public PDFont primary(boolean isBold) {
        return (isBold ? bold : regular).get(0).pdf();
    }

    /**
     * Splits one line into runs, each in the first font with glyphs for its
     * characters, in drawing order (right-to-left text reordered and shaped).
     */
    public List<Run> runs(String line, boolean isBold) {
        List<Face> chain = isBold ? bold : regular;
        String text = VisualOrder.of(line);
        List<Run> runs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        Face currentFace = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
                cp = ' ';
            }
            Face face = null;
            for (Face f : chain) {
                if (f.has(cp)) {
                    face = f;
                    break;
                }
            }
            if (face == null) {
                cp = '?';
                face = chain.get(0);
            }
            if (face != currentFace && current.length() > 0) {
                runs.add(new Run(currentFace.pdf(), current.toString()));
                current.setLength(0);
            }
            currentFace = face;
            current.appendCodePoint(cp);
        }
        if (current.length() > 0) {
            runs.add(new Run(currentFace.pdf(), current.toString()));
        }
        return runs;
    }

    /** Width of {@code text} in points when set in {@code style}. */
    public float width(String text, TextStyle style) {
        float units = 0;
        for (Run run : runs(text, style.bold())) {
            try {
                units += run.font().getStringWidth(run.text());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return units / 1000f * style.size();
    }

    /** The same typeface for AWT drawing (charts), at {@code size} points. */
    public static Font awt(float size, boolean isBold) {
        return AWT.computeIfAbsent(isBold ? BOLD : REGULAR, r -> {
            try {
                return Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(bytes(r)));
            } catch (FontFormatException | IOException e) {
                throw new IllegalStateException("The report chart font " + r + " cannot be read", e);
            }
        }).deriveFont(size);
    }

    @Override
    public void close() {
        for (TrueTypeFont ttf : open) {
            try {
                ttf.close();
            } catch (IOException ignored) {
                // only releases memory
            }
        }
    }
}
