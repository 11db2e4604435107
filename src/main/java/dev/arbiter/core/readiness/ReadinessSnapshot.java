package dev.arbiter.core.readiness;

import java.util.List;
import java.util.Optional;

/**
 * Everything shown about one assessment, read in one go: what the desktop
 * screen and the PDF report both render, so that they agree.
 *
 * @param trend      the subject's completed assessments, oldest first, up to and including this one
 *                   (for a draft: all of them)
 * @param comparison against the subject's previous completed assessment, if there is one
 */
public record ReadinessSnapshot(Assessment assessment, Verdict verdict, Optional<Comparison> comparison,
                                List<HistoryEntry> trend, List<Recommendation> nextSteps,
                                List<ChecklistItem> checklist, ReadinessGuide guide) {

    public ReadinessSnapshot {
        trend = List.copyOf(trend);
        nextSteps = List.copyOf(nextSteps);
        checklist = List.copyOf(checklist);
    }
}
