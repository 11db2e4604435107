package dev.arbiter.core.readiness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The guide's decision matrix and next steps, read from the shipped data file
 * {@code readiness-guide.yaml} (descriptors per dimension, roadmap and pillar
 * steps with the dimensions they strengthen), so the mapping can be reviewed
 * and changed without touching code.
 */
public final class ReadinessGuide {

    private static final String RESOURCE = "readiness-guide.yaml";

    private record DimensionRow(String key, String pillar, String notReady, String partial, String ready) {
    }

    private record StepRow(String key, String phase, String source, String text, List<String> dimensions,
                           int reaches) {
    }

    private record GuideFile(List<DimensionRow> dimensions, List<StepRow> steps) {
    }

    private final Map<Dimension, Descriptors> descriptors;
    private final Map<Dimension, String> pillars;
    private final List<RoadmapStep> steps;

    private ReadinessGuide(Map<Dimension, Descriptors> descriptors, Map<Dimension, String> pillars,
                           List<RoadmapStep> steps) {
        this.descriptors = descriptors;
        this.pillars = pillars;
        this.steps = List.copyOf(steps);
    }

    /** The guide as shipped with Arbiter. */
    public static ReadinessGuide standard() {
        try (InputStream in = ReadinessGuide.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The readiness guide data " + RESOURCE + " is missing from Arbiter");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the readiness guide data " + RESOURCE, e);
        }
    }

    static ReadinessGuide parse(InputStream yaml) throws IOException {
        GuideFile file = new ObjectMapper(new YAMLFactory()).readValue(yaml, GuideFile.class);
        Map<Dimension, Descriptors> descriptors = new EnumMap<>(Dimension.class);
        Map<Dimension, String> pillars = new EnumMap<>(Dimension.class);
        for (DimensionRow row : file.dimensions()) {
            Dimension d = Dimension.fromKey(row.key());
            descriptors.put(d, new Descriptors(row.notReady(), row.partial(), row.ready()));
            pillars.put(d, row.pillar());
        }
        for (Dimension d : Dimension.values()) {
            if (!descriptors.containsKey(d)) {
                throw new IllegalStateException("The readiness guide data has no descriptors for " + d.title());
            }
        }
        List<RoadmapStep> steps = new ArrayList<>();
        for (StepRow row : file.steps()) {
            steps.add(new RoadmapStep(row.key(), Phase.fromKey(row.phase()), row.source(), row.text(),
                    row.dimensions().stream().map(Dimension::fromKey).toList(), row.reaches()));
        }
        return new ReadinessGuide(descriptors, pillars, steps);
    }

    public Descriptors descriptors(Dimension dimension) {
        return descriptors.get(dimension);
    }

    /** Where in the guide a dimension is explained, e.g. "Pillar 4 · Human-in-the-Loop Design". */
    public String pillar(Dimension dimension) {
        return pillars.get(dimension);
    }

    /** Every step, in the guide's order (roadmap first, then the pillars). */
    public List<RoadmapStep> steps() {
        return steps;
    }

    /**
     * The steps for an assessment's weak dimensions (scored at or below the weak
     * score): each step that lifts one of them past its score, earliest phase
     * first, and within a phase the step for the weakest dimension first.
     */
    public List<Recommendation> nextSteps(Assessment assessment, ReadinessThresholds thresholds) {
        List<Recommendation> found = new ArrayList<>();
        for (RoadmapStep step : steps) {
            List<Dimension> weak = step.dimensions().stream()
                    .filter(d -> {
                        Integer score = assessment.score(d).score();
                        return score != null && score <= thresholds.weakScore() && step.helps(d, score);
                    })
                    .toList();
            if (!weak.isEmpty()) {
                found.add(new Recommendation(step, weak));
            }
        }
        found.sort(Comparator.comparing((Recommendation r) -> r.step().phase())
                .thenComparingInt(r -> lowestScore(assessment, r.weakDimensions())));
        return found;
    }

    private static int lowestScore(Assessment assessment, List<Dimension> dimensions) {
        return dimensions.stream().mapToInt(d -> assessment.score(d).score()).min().orElse(5);
    }

    public Optional<RoadmapStep> step(String key) {
        return steps.stream().filter(s -> s.key().equals(key)).findFirst();
    }
}
