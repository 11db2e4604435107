package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.assessment.AssessmentFilter;
import dev.arbiter.core.assessment.AssessmentStatus;
import dev.arbiter.core.assessment.AssessmentSummary;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code arbiter assessment list}: the risk assessments, to find the id for {@code arbiter report assessment}. */
@Command(name = "assessment", description = "Risk assessments of agentic systems.",
        subcommands = {AssessmentCommand.ListAssessments.class})
final class AssessmentCommand {

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List risk assessments: status, highest residual risk, owner, next review.")
    static final class ListAssessments implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Option(names = "--search", paramLabel = "TEXT", description = "Only those whose system, owner or agent ids contain TEXT.")
        String search;
        @Option(names = "--status", paramLabel = "STATUS",
                description = "Only this status: draft, in_review, approved, rejected.")
        String status;
        @Option(names = "--overdue", description = "Only those whose re-assessment is overdue.")
        boolean overdue;

        @Override
        public Integer call() {
            AssessmentStatus wanted = status == null ? null : parseStatus(status);
            try (Workspace ws = workspace.open()) {
                AssessmentFilter filter = new AssessmentFilter(search, wanted, null, overdue, ws.assessments().today());
                List<AssessmentSummary> rows = ws.assessments().list().stream().filter(filter).toList();
                PrintWriter out = spec.commandLine().getOut();
                if (rows.isEmpty()) {
                    out.println("No risk assessments" + (search != null || wanted != null || overdue ? " match." : " yet."));
                    return 0;
                }
                TextTable table = new TextTable(List.of("ID", "VER", "STATUS", "RESIDUAL", "SYSTEM", "OWNER",
                        "NEXT REVIEW"), 10, 6, 12, 14, 40, 32, 24);
                for (AssessmentSummary s : rows) {
                    String residual = s.highestResidual() == null ? "-"
                            : s.highestResidual().score() + " " + s.highestResidual().band().label();
                    String next = s.nextReviewDate() == null ? "-"
                            : s.nextReviewDate() + (s.isOverdue(ws.assessments().today()) ? " OVERDUE" : "");
                    table.row(s.reference(), "v" + s.version(), s.status().label(), residual, s.systemName(), s.owner(),
                            next);
                }
                table.print(out);
                return 0;
            }
        }

        private static AssessmentStatus parseStatus(String text) {
            try {
                return AssessmentStatus.valueOf(text.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--status '" + text
                        + "' is not a status: draft, in_review, approved or rejected.");
            }
        }
    }
}
