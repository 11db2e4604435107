package dev.arbiter.core.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReadinessGuideTest {

    private final ReadinessGuide guide = ReadinessGuide.standard();

    @Test
    void everyDimensionHasStepsToReachPartialAndFullReadiness() {
        for (Dimension d : Dimension.values()) {
            assertThat(guide.steps()).as(d.title() + " from 1").anyMatch(s -> s.helps(d, 1) && s.reaches() == 3);
            assertThat(guide.steps()).as(d.title() + " from 3").anyMatch(s -> s.helps(d, 3));
        }
    }

    @Test
    void theNinetyDayRoadmapIsShippedWhole() {
        List<RoadmapStep> roadmap = guide.steps().stream().filter(s -> s.source().equals("90-day roadmap")).toList();

        assertThat(roadmap).hasSize(12);
        assertThat(roadmap).filteredOn(s -> s.phase() == Phase.DAYS_1_30).hasSize(4);
        assertThat(roadmap).extracting(RoadmapStep::text).contains("Run the first tabletop incident-response exercise");
    }

    @Test
    void weakDimensionsGetStepsEarliestPhaseFirst() {
        Assessment a = VerdictTest.scored(5, 5, 5, 1, 5, 3);

        List<Recommendation> steps = guide.nextSteps(a, ReadinessThresholds.GUIDE);

        assertThat(steps).isNotEmpty();
        assertThat(steps).allMatch(r -> r.weakDimensions().stream()
                .allMatch(d -> d == Dimension.HUMAN_OVERSIGHT || d == Dimension.INCIDENT_RESPONSE));
        assertThat(steps).extracting(r -> r.step().phase()).isSorted();
        assertThat(steps).extracting(r -> r.step().key()).contains("roadmap.tiered-escalation", "oversight.kill-switch",
                "roadmap.tabletop");
        // incident response is at 3 already: the steps that only get it to 3 are not repeated
        assertThat(steps).extracting(r -> r.step().key()).doesNotContain("incident.adapt-plan");
    }

    @Test
    void aStrongAssessmentGetsNoSteps() {
        assertThat(guide.nextSteps(VerdictTest.scored(4, 4, 4, 4, 4, 5), ReadinessThresholds.GUIDE)).isEmpty();
    }
}
