package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.readiness.HistoryEntry;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code arbiter readiness list}: the assessment history, to find an id for {@code report readiness --id}. */
@Command(name = "readiness", description = "Readiness assessments (the guide's decision matrix).",
        subcommands = {ReadinessCommand.ListHistory.class})
final class ReadinessCommand {

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every assessment, newest first, with its total and verdict.")
    static final class ListHistory implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                List<HistoryEntry> history = ws.readiness().history();
                PrintWriter out = spec.commandLine().getOut();
                if (history.isEmpty()) {
                    out.println("No readiness assessment yet.");
                    return 0;
                }
                TextTable table = new TextTable(List.of("ID", "DATE", "STATUS", "TOTAL", "VERDICT",
                        "ORGANISATION / UNIT (ASSESSOR)"), 8, 10, 10, 6, 12, 80);
                for (HistoryEntry h : history) {
                    var a = h.assessment();
                    table.row(Long.toString(a.id()), a.assessedOn().toString(), a.status().key(),
                            h.verdict().totalText(), h.verdict().outcome().label(),
                            a.subject() + " (" + a.assessor() + ")");
                }
                table.print(out);
                return 0;
            }
        }
    }
}
