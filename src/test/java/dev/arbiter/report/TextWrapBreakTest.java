package dev.arbiter.report;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Long identifiers break after a separator, never mid-word when a separator fits. */
class TextWrapBreakTest {

    @Test
    void breaksAfterTheLastSeparatorThatFits() {
        assertThat(TextWrap.afterSeparator("data-cleanup-agent", 15)).isEqualTo(13); // "data-cleanup-" | "agent"
        assertThat(TextWrap.afterSeparator("claude-sonnet-4-5-20250929", 20)).isEqualTo(18);
        assertThat(TextWrap.afterSeparator("contracts/vendor.pdf", 12)).isEqualTo(10);
        assertThat(TextWrap.afterSeparator("abcdefghij", 4)).isEqualTo(4);
        assertThat(TextWrap.afterSeparator("-abcdef", 4)).isEqualTo(1);
    }

    @Property(tries = 200)
    void theCutIsAlwaysWithinTheFitAndAdvances(@ForAll @StringLength(min = 1, max = 40) String s,
                                              @ForAll @IntRange(min = 1, max = 40) int fit) {
        int f = Math.min(fit, s.length());
        int cut = TextWrap.afterSeparator(s, f);
        assertThat(cut).isBetween(1, f);
    }
}
