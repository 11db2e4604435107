package dev.arbiter.core.readiness;

import java.util.List;

/** A guide step recommended because it strengthens these weak dimensions of an assessment. */
public record Recommendation(RoadmapStep step, List<Dimension> weakDimensions) {

    public Recommendation {
        weakDimensions = List.copyOf(weakDimensions);
    }
}
