package dev.arbiter.report;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Lines in drawing order: right-to-left runs reversed (UAX #9), brackets mirrored, Arabic joined. */
class VisualOrderTest {

    @Test
    void hebrewIsReversedInsideALeftToRightLine() {
        assertThat(VisualOrder.of("Owner: דנה רייס")).isEqualTo("Owner: סייר הנד");
    }

    @Test
    void aRightToLeftLineRunsFromTheRightWithNumbersLeftToRightAndBracketsMirrored() {
        assertThat(VisualOrder.of("מערכת (CRM) 2026")).isEqualTo("2026 (CRM) תכרעמ");
    }

    @Test
    void arabicLettersAreJoined() {
        // ناس: noon initial, alef final, seen isolated; drawn right to left
        assertThat(VisualOrder.of("ناس")).isEqualTo("\uFEB1\uFE8E\uFEE7");
    }

    @Provide
    Arbitrary<String> mixed() {
        return Arbitraries.strings().withChars("abcXYZ אבגדהו 0123.,:-").ofMaxLength(30);
    }

    @Property(tries = 300)
    void reorderingKeepsEveryCharacter(@ForAll("mixed") String line) {
        assertThat(VisualOrder.of(line).chars().sorted().toArray()).isEqualTo(line.chars().sorted().toArray());
    }

    @Property(tries = 300)
    void aLineWithoutRightToLeftTextIsUntouched(@ForAll("latin") String line) {
        assertThat(VisualOrder.of(line)).isSameAs(line);
    }

    @Provide
    Arbitrary<String> latin() {
        return Arbitraries.strings().withChars("abcXYZ Zoë Ñúñez 山田 0123.,:-()[]").ofMaxLength(30);
    }
}
