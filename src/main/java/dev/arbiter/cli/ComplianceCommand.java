package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.compliance.Coverage;
import dev.arbiter.core.compliance.CoverageCell;
import dev.arbiter.core.compliance.CoverageMatrix;
import dev.arbiter.core.compliance.Regulation;
import dev.arbiter.core.compliance.RequirementCoverage;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code arbiter compliance matrix [--agent ID]}: the coverage matrix, for scripts and CI. */
@Command(name = "compliance", description = "Show which regulations apply to which agents, and the gaps.",
        subcommands = {ComplianceCommand.Matrix.class})
final class ComplianceCommand {

    @Command(name = "matrix", mixinStandardHelpOptions = true,
            description = "Agents x regulations (met / gap / n.a.), gaps first; exits 1 when there is a gap.")
    static final class Matrix implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Option(names = "--agent", paramLabel = "ID", description = "List this agent's requirements one by one.")
        String agent;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                CoverageMatrix matrix = ws.compliance().matrix();
                PrintWriter out = spec.commandLine().getOut();
                if (matrix.rows().isEmpty()) {
                    out.println("No agents yet. Add one with: arbiter agent add ID --name N --owner O");
                    return 0;
                }
                if (agent != null) {
                    return details(matrix, out);
                }
                List<String> headers = new ArrayList<>(List.of("AGENT"));
                matrix.regulations().forEach(r -> headers.add(r.id()));
                int[] caps = new int[headers.size()];
                Arrays.fill(caps, 24);
                caps[0] = 40;
                TextTable table = new TextTable(headers, caps);
                for (CoverageMatrix.Row row : matrix.rows()) {
                    List<String> cells = new ArrayList<>(List.of(row.agent().id()));
                    matrix.regulations().forEach(r -> cells.add(row.cell(r.id()).describe()));
                    table.row(cells.toArray(String[]::new));
                }
                table.print(out);
                out.println(matrix.totalGaps() == 0 ? "No gaps." : matrix.totalGaps() + " unmet requirements.");
                return matrix.totalGaps() == 0 ? 0 : 1;
            }
        }

        private int details(CoverageMatrix matrix, PrintWriter out) {
            CoverageMatrix.Row row = matrix.rows().stream().filter(r -> r.agent().id().equals(agent)).findFirst()
                    .orElse(null);
            if (row == null) {
                spec.commandLine().getErr().println("arbiter: there is no active or paused agent " + agent);
                return 1;
            }
            for (Regulation regulation : matrix.regulations()) {
                CoverageCell cell = row.cell(regulation.id());
                out.println(regulation.name() + ": " + cell.describe());
                for (RequirementCoverage r : cell.requirements()) {
                    if (r.coverage() == Coverage.NOT_APPLICABLE && r.record() == null) {
                        continue;
                    }
                    out.println("  " + r.coverage().label() + "  " + r.requirement().id() + "  "
                            + r.requirement().title() + " - " + (r.evidence() != null ? r.evidence() : r.why()));
                }
            }
            return row.gaps() == 0 ? 0 : 1;
        }
    }
}
