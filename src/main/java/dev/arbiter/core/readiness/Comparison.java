package dev.arbiter.core.readiness;

import java.util.List;

/** An assessment against the previous completed one of the same subject: what improved and what fell back. */
public record Comparison(Assessment previous, List<DimensionChange> changes) {

    public Comparison {
        changes = List.copyOf(changes);
    }

    public static Comparison between(Assessment previous, Assessment current) {
        return new Comparison(previous, java.util.Arrays.stream(Dimension.values())
                .map(d -> new DimensionChange(d, previous.score(d).score(), current.score(d).score()))
                .toList());
    }

    public DimensionChange change(Dimension dimension) {
        return changes.stream().filter(c -> c.dimension() == dimension).findFirst().orElseThrow();
    }

    public List<Dimension> improved() {
        return with(DimensionChange.Direction.IMPROVED);
    }

    public List<Dimension> fellBack() {
        return with(DimensionChange.Direction.FELL_BACK);
    }

    private List<Dimension> with(DimensionChange.Direction direction) {
        return changes.stream().filter(c -> c.direction() == direction).map(DimensionChange::dimension).toList();
    }
}
