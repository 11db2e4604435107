package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.assessment.Assessment;
import dev.arbiter.core.assessment.AssessmentReference;
import dev.arbiter.report.assessment.AssessmentReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code arbiter report assessment ID [--version N] --out FILE.pdf}: the same PDF as the desktop's Export PDF. */
@Command(name = "assessment",
        description = "A system's risk assessment as a board-ready PDF (DRAFT until approved).")
final class ReportAssessmentCommand implements Callable<Integer> {

    @Mixin HelpOption help;
    @Mixin WorkspaceOptions workspace;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The assessment, e.g. RA-2 or 2 (see arbiter assessment list).")
    String id;

    @Option(names = "--version", paramLabel = "N", description = "This version (default: the newest).")
    Integer version;

    @Option(names = "--out", required = true, paramLabel = "FILE.pdf", description = "File to write.")
    Path out;

    @Override
    public Integer call() {
        long assessmentId = AssessmentReference.parse(id);
        try (Workspace ws = workspace.open()) {
            AssessmentReport.export(ws.assessments(), assessmentId, version, ws.clock().instant(), out);
            Assessment a = version == null ? ws.assessments().get(assessmentId)
                    : ws.assessments().get(assessmentId, version);
            spec.commandLine().getOut().println("Wrote the risk assessment of " + a.content().overview().systemName()
                    + " (" + a.reference() + " v" + a.version() + ", " + a.status().label().toLowerCase(java.util.Locale.ROOT)
                    + ") to " + out.toAbsolutePath());
            return 0;
        }
    }
}
