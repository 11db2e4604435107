package dev.arbiter.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.gsub.GsubWorker;
import org.apache.fontbox.ttf.gsub.GsubWorkerFactory;
import org.apache.fontbox.ttf.model.GsubData;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;

/**
 * The text behind glyphs a font's substitution rules draw for several characters: Devanagari conjuncts
 * (क्ष, प्र, र्म) and the like. PDFBox applies the font's GSUB table when it draws such a run, but the
 * ToUnicode map it writes for the embedded subset knows only glyphs the font's character map names, so a
 * conjunct's glyph maps to nothing: text extraction loses it, and PDF/A-2 (levels u and a) forbids it (ISO 19005-2
 * §6.2.11.7.2, "the map of all used character codes to Unicode values").
 *
 * <p>Two remedies, both standard: each such run is marked content with an {@code /ActualText} of its logical
 * text (ISO 32000-1 §14.9.4), so extraction and screen readers get the characters as typed, in their order
 * (a pre-base vowel sign is drawn before its consonant but typed after it); and after the subset is written,
 * {@link #completeToUnicode} adds each such glyph to its font's ToUnicode map with the characters of the
 * syllable it was shaped from.
 */
final class LigatureText {

    private static final int VIRAMA_DEVANAGARI = 0x094D;
    private static final int ZWJ = 0x200D;
    private static final int ZWNJ = 0x200C;
    /** A ToUnicode CMap's bfchar block holds at most 100 entries (Adobe Technical Note #5014). */
    private static final int PER_BLOCK = 100;

    /** Font name (without a subset tag) to glyph id (the character code the content uses) to its text. */
    private final Map<String, Map<Integer, String>> byFont = new HashMap<>();
    private final Map<PDFont, GsubWorker> workers = new HashMap<>();

    /**
     * True when drawing {@code text} in {@code font} uses a glyph that stands for no single character (it is
     * then recorded for {@link #completeToUnicode}); false for plain runs, which need nothing.
     */
    boolean needsActualText(PDFont font, String text) {
        if (!(font instanceof PDType0Font type0) || type0.getGsubData() == GsubData.NO_DATA_FOUND
                || type0.getGsubData() == null) {
            return false;
        }
        CmapLookup cmap = type0.getCmapLookup();
        GsubWorker worker = workers.computeIfAbsent(font,
                f -> new GsubWorkerFactory().getGsubWorker(cmap, type0.getGsubData()));
        boolean any = false;
        for (String syllable : syllables(text)) {
            List<Integer> glyphs = glyphs(cmap, syllable);
            if (glyphs == null) {
                continue;
            }
            for (int gid : worker.applyTransforms(glyphs)) {
                List<Integer> codes = cmap.getCharCodes(gid);
                if (codes == null || codes.isEmpty()) {
                    byFont.computeIfAbsent(font.getName(), n -> new TreeMap<>()).putIfAbsent(gid, syllable);
                    any = true;
                }
            }
        }
        // PDFBox shapes the run as a whole: a glyph only that gives (context across syllables) maps to the run
        List<Integer> whole = glyphs(cmap, text);
        if (whole != null) {
            for (int gid : worker.applyTransforms(whole)) {
                List<Integer> codes = cmap.getCharCodes(gid);
                if (codes == null || codes.isEmpty()) {
                    byFont.computeIfAbsent(font.getName(), n -> new TreeMap<>()).putIfAbsent(gid, text);
                    any = true;
                }
            }
        }
        return any;
    }

    /** The syllable's glyphs before substitution, as PDFBox looks them up (per UTF-16 unit); null if one lacks. */
    private static List<Integer> glyphs(CmapLookup cmap, String syllable) {
        List<Integer> ids = new ArrayList<>();
        for (char c : syllable.toCharArray()) {
            int gid = cmap.getGlyphId(c);
            if (gid <= 0) {
                return null;
            }
            ids.add(gid);
        }
        return ids;
    }

    /**
     * Splits {@code text} into orthographic syllables: a new one starts at each character that is not a mark,
     * a joiner, or a consonant after a virama (so "प्रणाली" is प्र · णा · ली).
     */
    static List<String> syllables(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int previous = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            boolean joins = type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK || cp == ZWJ || cp == ZWNJ || previous == VIRAMA_DEVANAGARI
                    || previous == ZWJ;
            if (!joins && current.length() > 0) {
                out.add(current.toString());
                current.setLength(0);
            }
            current.appendCodePoint(cp);
            previous = cp;
        }
        if (current.length() > 0) {
            out.add(current.toString());
        }
        return out;
    }

    /**
     * Adds the recorded glyphs to the ToUnicode maps of the fonts in {@code document} (a saved report read
     * back: its subsets and their maps exist only after saving). Glyphs already mapped are left alone.
     *
     * @return how many glyphs were added
     */
    int completeToUnicode(PDDocument document) throws IOException {
        if (byFont.isEmpty()) {
            return 0;
        }
        Map<COSDictionary, String> fonts = new LinkedHashMap<>();
        for (PDPage page : document.getPages()) {
            collect(page.getResources(), fonts);
        }
        int added = 0;
        for (Map.Entry<COSDictionary, String> font : fonts.entrySet()) {
            String name = font.getValue();
            String bare = name.indexOf('+') == 6 ? name.substring(7) : name;
            Map<Integer, String> glyphs = byFont.get(bare);
            COSStream toUnicode = font.getKey().getCOSStream(COSName.TO_UNICODE);
            if (glyphs == null || toUnicode == null) {
                continue;
            }
            String cmap;
            try (var in = toUnicode.createInputStream()) {
                cmap = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            }
            Map<Integer, String> missing = new TreeMap<>();
            glyphs.forEach((gid, text) -> {
                if (!cmap.contains(String.format("<%04X>", gid))) {
                    missing.put(gid, text);
                }
            });
            int end = cmap.lastIndexOf("endcmap");
            if (missing.isEmpty() || end < 0) {
                continue;
            }
            StringBuilder blocks = new StringBuilder();
            List<Map.Entry<Integer, String>> entries = new ArrayList<>(missing.entrySet());
            for (int from = 0; from < entries.size(); from += PER_BLOCK) {
                List<Map.Entry<Integer, String>> block = entries.subList(from, Math.min(entries.size(),
                        from + PER_BLOCK));
                blocks.append(block.size()).append(" beginbfchar\n");
                for (Map.Entry<Integer, String> e : block) {
                    blocks.append(String.format("<%04X> <", e.getKey())).append(utf16Hex(e.getValue())).append(">\n");
                }
                blocks.append("endbfchar\n");
            }
            String patched = cmap.substring(0, end) + blocks + cmap.substring(end);
            try (OutputStream out = toUnicode.createOutputStream(COSName.FLATE_DECODE)) {
                out.write(patched.getBytes(StandardCharsets.ISO_8859_1));
            }
            added += missing.size();
        }
        return added;
    }

    private static void collect(PDResources resources, Map<COSDictionary, String> fonts) throws IOException {
        if (resources == null) {
            return;
        }
        for (COSName name : resources.getFontNames()) {
            PDFont font = resources.getFont(name);
            if (font instanceof PDType0Font) {
                fonts.put(font.getCOSObject(), font.getName());
            }
        }
        for (COSName name : resources.getXObjectNames()) {
            PDXObject x = resources.getXObject(name);
            if (x instanceof PDFormXObject form) {
                collect(form.getResources(), fonts);
            }
        }
    }

    private static String utf16Hex(String text) {
        StringBuilder hex = new StringBuilder();
        for (char c : text.toCharArray()) {
            hex.append(String.format("%04X", (int) c));
        }
        return hex.toString();
    }
}
