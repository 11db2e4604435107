package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.assessment.Assessment;
import dev.arbiter.core.assessment.AssessmentReference;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code arbiter assessment list|discard|restore}: the risk assessments (to find the id for
 * {@code arbiter report assessment}), and discarding a draft with its undo.
 */
@Command(name = "assessment", description = "Risk assessments of agentic systems.",
        subcommands = {AssessmentCommand.ListAssessments.class, AssessmentCommand.Discard.class,
                AssessmentCommand.Restore.class})
final class AssessmentCommand {

    @Command(name = "discard", mixinStandardHelpOptions = true,
            description = {"Discard an assessment's draft (a new assessment, or a revision started by mistake).",
                    "It leaves the lists and reports; an earlier decided version shows again. Audited;"
                            + " undo with arbiter assessment restore."})
    static final class Discard implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID", description = "The assessment, e.g. RA-2 or 2 (see arbiter assessment list).")
        String id;

        @Override
        public Integer call() {
            long assessmentId = AssessmentReference.parse(id);
            try (Workspace ws = workspace.open()) {
                Assessment a = ws.assessments().discard(assessmentId, CliActor.of(ws));
                spec.commandLine().getOut().println("Discarded the draft " + a.reference() + " v" + a.version()
                        + " (" + a.content().overview().systemName() + "). Undo: arbiter assessment restore "
                        + a.reference());
                return 0;
            }
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Bring back the most recently discarded draft of an assessment, as it was. Audited.")
    static final class Restore implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID", description = "The assessment, e.g. RA-2 or 2.")
        String id;

        @Override
        public Integer call() {
            long assessmentId = AssessmentReference.parse(id);
            try (Workspace ws = workspace.open()) {
                Assessment a = ws.assessments().restore(assessmentId, CliActor.of(ws));
                spec.commandLine().getOut().println("Restored the draft " + a.reference() + " v" + a.version()
                        + " (" + a.content().overview().systemName() + ").");
                return 0;
            }
        }
    }

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
