package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.readiness.Assessment;
import dev.arbiter.core.readiness.Readiness;
import dev.arbiter.report.readiness.ReadinessReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code arbiter report readiness [--id ID | --latest] --out FILE.pdf}. */
@Command(name = "readiness", mixinStandardHelpOptions = true,
        description = "The readiness assessment (decision matrix) as a PDF for the board.")
final class ReadinessReportCommand implements Callable<Integer> {

    @Mixin WorkspaceOptions workspace;
    @Spec CommandSpec spec;

    static final class Which {
        @Option(names = "--id", paramLabel = "ID", description = "This assessment (see arbiter readiness list).")
        Long id;
        @Option(names = "--latest", description = "The newest completed assessment (the default).")
        boolean latest;
    }

    @ArgGroup(exclusive = true)
    Which which;

    @Option(names = "--out", required = true, paramLabel = "FILE.pdf", description = "File to write.")
    Path out;

    @Override
    public Integer call() {
        try (Workspace ws = workspace.open()) {
            Readiness readiness = ws.readiness();
            Assessment assessment = which != null && which.id != null ? readiness.require(which.id)
                    : readiness.latestCompleted().orElse(null);
            if (assessment == null) {
                spec.commandLine().getErr().println("arbiter: no completed readiness assessment yet; "
                        + "name a draft with --id (see arbiter readiness list).");
                return 1;
            }
            ReadinessReport.export(readiness, assessment.id(), ws.clock().instant(), out,
                    dev.arbiter.core.readiness.ReadinessEvidence.gather(ws.exercises(), ws.vendorOverview()));
            spec.commandLine().getOut().println("Wrote the readiness report of " + assessment.subject() + ", "
                    + assessment.assessedOn() + " (" + readiness.verdict(assessment).headline() + ") to "
                    + out.toAbsolutePath());
            return 0;
        }
    }
}
