package dev.arbiter.report.assessment;

import dev.arbiter.core.assessment.Assessment;
import dev.arbiter.core.assessment.RiskBand;
import java.nio.file.Path;

/** Placeholder until the shared report blocks land. */
public final class AssessmentReport {
    private final RiskBand tolerance;

    public AssessmentReport(RiskBand tolerance) {
        this.tolerance = tolerance;
    }

    public void write(Assessment assessment, Path file) {
        throw new UnsupportedOperationException("not yet " + tolerance + assessment + file);
    }
}
