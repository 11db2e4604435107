package dev.arbiter.core.readiness;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One run of the guide's decision matrix for an organisation or business unit
 * (the {@code subject}). Values are immutable: an edit makes a new value that
 * the caller saves. {@code thresholds} is set once completed: the thresholds
 * its verdict was reached with.
 */
public record Assessment(
        long id,
        String subject,
        LocalDate assessedOn,
        String assessor,
        AssessmentStatus status,
        Map<Dimension, DimensionScore> scores,
        Long copiedFrom,
        Instant createdAt,
        Instant updatedAt,
        Instant completedAt,
        String completedBy,
        ReadinessThresholds thresholds) {

    public static final int MAX_TOTAL = 5 * Dimension.values().length;

    public Assessment {
        subject = subject == null ? "" : subject;
        assessor = assessor == null ? "" : assessor;
        EnumMap<Dimension, DimensionScore> all = new EnumMap<>(Dimension.class);
        for (Dimension d : Dimension.values()) {
            DimensionScore s = scores == null ? null : scores.get(d);
            all.put(d, s == null ? DimensionScore.open(d) : s);
        }
        scores = Collections.unmodifiableMap(all);
    }

    public DimensionScore score(Dimension dimension) {
        return scores.get(dimension);
    }

    public boolean isCompleted() {
        return status == AssessmentStatus.COMPLETED;
    }

    /** Sum of the scores given so far (0 to 30). */
    public int total() {
        return scores.values().stream().filter(DimensionScore::isScored).mapToInt(DimensionScore::score).sum();
    }

    public int scoredCount() {
        return (int) scores.values().stream().filter(DimensionScore::isScored).count();
    }

    public boolean allScored() {
        return scoredCount() == Dimension.values().length;
    }

    public Assessment withScore(Dimension dimension, Integer score) {
        return withDimension(new DimensionScore(dimension, score, score(dimension).notes()));
    }

    public Assessment withNotes(Dimension dimension, String notes) {
        return withDimension(new DimensionScore(dimension, score(dimension).score(), notes));
    }

    public Assessment withHeader(String newSubject, LocalDate newDate, String newAssessor) {
        return new Assessment(id, newSubject, newDate, newAssessor, status, scores, copiedFrom, createdAt, updatedAt,
                completedAt, completedBy, thresholds);
    }

    private Assessment withDimension(DimensionScore changed) {
        EnumMap<Dimension, DimensionScore> next = new EnumMap<>(scores);
        next.put(changed.dimension(), changed);
        return new Assessment(id, subject, assessedOn, assessor, status, next, copiedFrom, createdAt, updatedAt,
                completedAt, completedBy, thresholds);
    }
}
