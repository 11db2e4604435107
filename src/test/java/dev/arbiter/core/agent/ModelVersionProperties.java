package dev.arbiter.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ModelVersionProperties {

    @Property
    void anySpellingOfLatestAnywhereIsRefused(@ForAll("aroundLatest") String model) {
        assertThat(ModelVersion.problemWith(model)).isPresent();
    }

    @Provide
    Arbitrary<String> aroundLatest() {
        Arbitrary<String> side = Arbitraries.strings().withChars("abcxyz0123456789-_.:/@").ofMaxLength(12);
        Arbitrary<String> latest = Arbitraries.of("latest", "LATEST", "Latest", "lAtEsT");
        return Combinators.combine(side, latest, side).as((a, l, b) -> a + l + b);
    }

    @Property
    void whatIsAcceptedIsOneWordWithADigitAndNoMovingChannel(@ForAll String model) {
        if (ModelVersion.problemWith(model).isEmpty()) {
            String m = model.strip();
            assertThat(m).isNotEmpty().doesNotContainAnyWhitespaces();
            assertThat(m.chars().anyMatch(Character::isDigit)).isTrue();
            assertThat(m.toLowerCase(Locale.ROOT)).doesNotContain("latest");
            assertThat(m).doesNotContain("*", "?");
        }
    }

    @Property
    void datedVersionsAreAccepted(@ForAll("dated") String model) {
        assertThat(ModelVersion.problemWith(model)).isEmpty();
    }

    @Provide
    Arbitrary<String> dated() {
        Arbitrary<String> family = Arbitraries.of("claude-sonnet-4-5", "gpt-4o", "gemini-1.5-pro", "mistral-large");
        Arbitrary<Integer> date = Arbitraries.integers().between(20230101, 20291231);
        return Combinators.combine(family, date).as((f, d) -> f + "-" + d);
    }
}
