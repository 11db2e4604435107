package dev.arbiter.core.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictTest {

    static Assessment scored(int... scores) {
        Map<Dimension, DimensionScore> map = new EnumMap<>(Dimension.class);
        Dimension[] all = Dimension.values();
        for (int i = 0; i < scores.length; i++) {
            map.put(all[i], new DimensionScore(all[i], scores[i], ""));
        }
        return new Assessment(1, "Acme", LocalDate.of(2026, 3, 16), "Zoë Ñúñez", AssessmentStatus.DRAFT, map,
                null, null, null, null, null, null);
    }

    @Test
    void twentyIsTheGuidesMinimumToBeReady() {
        Verdict atMinimum = Verdict.of(scored(4, 4, 3, 3, 3, 3), ReadinessThresholds.GUIDE);
        Verdict oneShort = Verdict.of(scored(4, 3, 3, 3, 3, 3), ReadinessThresholds.GUIDE);

        assertThat(atMinimum.total()).isEqualTo(20);
        assertThat(atMinimum.outcome()).isEqualTo(Verdict.Outcome.READY);
        assertThat(atMinimum.headline()).isEqualTo("Ready: 20/30 (minimum 20)");
        assertThat(oneShort.outcome()).isEqualTo(Verdict.Outcome.NOT_READY);
        assertThat(oneShort.headline()).isEqualTo("Not ready: 19/30, 1 short of 20");
    }

    @Test
    void aDimensionAtOneWarnsEvenWhenTheTotalPasses() {
        Verdict verdict = Verdict.of(scored(5, 5, 5, 1, 5, 5), ReadinessThresholds.GUIDE);

        assertThat(verdict.ready()).isTrue();
        assertThat(verdict.warnings()).containsExactly(Dimension.HUMAN_OVERSIGHT);
        assertThat(verdict.warningTexts()).singleElement().asString()
                .contains("Human Oversight").contains("even though the total passes");
    }

    @Test
    void noWarningWhenEveryDimensionIsAboveOne() {
        assertThat(Verdict.of(scored(2, 2, 2, 2, 2, 2), ReadinessThresholds.GUIDE).warnings()).isEmpty();
    }

    @Test
    void aDraftWithOpenDimensionsHasNoVerdictYet() {
        Verdict verdict = Verdict.of(scored(5, 5, 5, 5, 5), ReadinessThresholds.GUIDE);

        assertThat(verdict.outcome()).isEqualTo(Verdict.Outcome.INCOMPLETE);
        assertThat(verdict.total()).isEqualTo(25);
        assertThat(verdict.headline()).isEqualTo("Incomplete: 5 of 6 dimensions scored, 25/30 so far");
    }

    @Test
    void thresholdsAreSettings() {
        ReadinessThresholds strict = new ReadinessThresholds(24, 2, 3);

        Verdict verdict = Verdict.of(scored(4, 4, 4, 4, 4, 2), strict);

        assertThat(verdict.outcome()).isEqualTo(Verdict.Outcome.NOT_READY);
        assertThat(verdict.warnings()).containsExactly(Dimension.INCIDENT_RESPONSE);
    }

    @Test
    void descriptorsBetweenTheGuidesAnchorsSayBetween() {
        Descriptors security = ReadinessGuide.standard().descriptors(Dimension.SECURITY_INFRASTRUCTURE);

        assertThat(security.describe(1)).isEqualTo("No sandboxing, shared credentials");
        assertThat(security.describe(5)).isEqualTo("Zero-trust, automated key management, network segmentation");
        assertThat(security.describe(4)).startsWith("Between: Basic isolation");
        assertThat(security.anchor(2)).isNull();
    }

    @Test
    void comparisonNamesWhatImprovedAndWhatFellBack() {
        Comparison c = Comparison.between(scored(2, 3, 3, 3, 3, 3), scored(4, 3, 2, 3, 3, 3));

        assertThat(c.improved()).containsExactly(Dimension.SECURITY_INFRASTRUCTURE);
        assertThat(c.fellBack()).containsExactly(Dimension.OBSERVABILITY);
        assertThat(c.change(Dimension.SECURITY_INFRASTRUCTURE).deltaText()).isEqualTo("+2");
        assertThat(c.change(Dimension.OBSERVABILITY).deltaText()).isEqualTo("−1");
    }
}
