package dev.arbiter.core.readiness;

import java.util.List;

/**
 * One next step from the guide: a roadmap item or a pillar practice, the
 * dimensions it strengthens, and the score it helps a dimension reach (3 or 5).
 */
public record RoadmapStep(String key, Phase phase, String source, String text, List<Dimension> dimensions,
                          int reaches) {

    public RoadmapStep {
        dimensions = List.copyOf(dimensions);
    }

    /** True when this step moves {@code dimension}, now at {@code score}, up. */
    public boolean helps(Dimension dimension, int score) {
        return dimensions.contains(dimension) && score < reaches;
    }
}
