package dev.arbiter.core.compliance;

import java.util.List;

/**
 * One agent against one regulation: a gap when any applicable requirement is
 * unmet, met when all are, not applicable when none applies.
 */
public record CoverageCell(String agentId, String regulationId, Coverage coverage, int gaps, int applicable,
                           List<RequirementCoverage> requirements) {

    public CoverageCell {
        requirements = List.copyOf(requirements);
    }

    static CoverageCell of(String agentId, Regulation regulation, List<RequirementCoverage> requirements) {
        int gaps = (int) requirements.stream().filter(r -> r.coverage() == Coverage.GAP).count();
        int applicable = (int) requirements.stream().filter(r -> r.coverage() != Coverage.NOT_APPLICABLE).count();
        Coverage coverage = gaps > 0 ? Coverage.GAP : applicable > 0 ? Coverage.MET : Coverage.NOT_APPLICABLE;
        return new CoverageCell(agentId, regulation.id(), coverage, gaps, applicable, requirements);
    }

    /** {@code gap (2 of 4)}, {@code met (3)}, {@code n.a.}: what a matrix cell shows. */
    public String describe() {
        return switch (coverage) {
            case GAP -> "gap (" + gaps + " of " + applicable + ")";
            case MET -> "met (" + applicable + ")";
            case NOT_APPLICABLE -> "n.a.";
        };
    }
}
