package dev.arbiter.report;

import com.ibm.icu.text.ArabicShaping;
import com.ibm.icu.text.ArabicShapingException;
import com.ibm.icu.text.Bidi;

/**
 * One line of text in the order a PDF draws it. A PDF content stream places
 * glyphs left to right and does no shaping, so right-to-left text must be
 * reordered before drawing (the Unicode Bidirectional Algorithm, UAX #9, with
 * mirrored brackets) and Arabic letters replaced by their joined
 * (initial/medial/final) presentation forms. ICU4J does both; the JDK's
 * {@code java.text.Bidi} reorders runs but neither mirrors nor shapes.
 * Text-extraction tools (and screen readers) restore the logical order.
 *
 * <p>Apply to one line at a time, after wrapping: wrapping works on logical text.
 */
final class VisualOrder {

    private static final ArabicShaping SHAPING = new ArabicShaping(ArabicShaping.LETTERS_SHAPE
            | ArabicShaping.TEXT_DIRECTION_LOGICAL | ArabicShaping.LENGTH_GROW_SHRINK);

    private VisualOrder() {
    }

    /**
     * {@code line} shaped and in left-to-right drawing order; unchanged when it
     * has no right-to-left character. The paragraph direction is that of its
     * first strong character (left-to-right when it has none).
     */
    static String of(String line) {
        if (!Bidi.requiresBidi(line.toCharArray(), 0, line.length())) {
            return line;
        }
        String shaped;
        try {
            shaped = SHAPING.shape(line);
        } catch (ArabicShapingException e) {
            shaped = line; // unshaped Arabic still reads; never fail a report over it
        }
        Bidi bidi = new Bidi(shaped, Bidi.LEVEL_DEFAULT_LTR);
        return bidi.writeReordered(Bidi.DO_MIRRORING);
    }
}
