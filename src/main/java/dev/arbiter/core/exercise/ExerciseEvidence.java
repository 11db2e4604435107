package dev.arbiter.core.exercise;

import java.time.Instant;
import java.util.Optional;

/**
 * Completed tabletop exercises as evidence for the readiness matrix's "Incident Response" dimension.
 * Shown beside the user's score; it never changes that score (issue 17).
 *
 * @param completed how many exercises have ended
 * @param latest    when the latest ended, empty when none has
 * @param score     the latest one's score in percent, empty when none has ended
 */
public record ExerciseEvidence(int completed, Optional<Instant> latest, Optional<Integer> score) {

    public static final ExerciseEvidence NONE = new ExerciseEvidence(0, Optional.empty(), Optional.empty());

    /** "2 tabletop exercises completed, latest 2026-11-30, score 78 %", or what to do when there is none. */
    public String summary() {
        if (completed == 0) {
            return "No tabletop exercise completed yet (the guide: \"run a tabletop exercise for an agent-related"
                    + " incident\")";
        }
        return completed + (completed == 1 ? " tabletop exercise" : " tabletop exercises") + " completed, latest "
                + latest.map(i -> i.toString().substring(0, 10)).orElse("?")
                + score.map(s -> ", score " + s + " %").orElse("");
    }
}
