package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.store.DataDirectory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code queue list} and {@code agent list} print: everything needed, aligned, bounded, terminal-safe. */
class ListingsTest {

    @TempDir
    Path data;

    private String queueRefund(String summary, String reasoning) {
        try (Workspace ws = Workspace.open(new DataDirectory(data))) {
            DemoAgents.ensure(ws);
            // as the gateway builds it: the context object kept as JSON beside its parsed amount
            return ws.decisions().decide(new DecisionRequest(DemoAgents.REFUNDS, "s-1", "issue:refund", summary,
                    reasoning, 0.9, List.of(), null, DemoAgents.TARGETS.get(DemoAgents.REFUNDS), 2500.0, Set.of(), null, null,
                    "{\"amount_usd\":2500}")).join().traceId();
        }
    }

    @Test
    void queueListShowsAmountSummaryAndReasoningSoAnApprovalIsNotBlind() {
        String trace = queueRefund("Refund order #4411 for Zoë Ñúñez", "Customer was double charged on 2026-11-28");

        CliRun run = CliRun.in(data, "queue", "list");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains(trace).contains("refunds-agent").contains("issue:refund")
                .containsPattern("Amount +\\$2,500\\.00").containsPattern("Summary +Refund order #4411 for Zoë Ñúñez")
                .containsPattern("Reasoning +Customer was double charged on 2026-11-28").contains("Due ")
                .contains("UTC");
    }

    @Test
    void longAgentTextIsWrappedBoundedAndCannotDriveTheTerminal() {
        String longReasoning = "because ".repeat(200) + "END";
        queueRefund("Evil \u001b[2J\u001b[31mred\u202e summary\nsecond line\ud800", longReasoning);

        CliRun run = CliRun.in(data, "queue", "list");

        assertThat(run.out()).doesNotContain("\u001b").doesNotContain("\u202e").doesNotContain("\ud800")
                .contains("Evil").contains("second line").doesNotContain("END");
        List<String> lines = run.out().lines().toList();
        assertThat(lines).allSatisfy(l -> assertThat(l.codePointCount(0, l.length())).isLessThanOrEqualTo(80));
        assertThat(lines.stream().filter(l -> l.contains("because"))).hasSizeLessThanOrEqualTo(6);
        assertThat(lines.stream().filter(l -> l.contains("because")).reduce((a, b) -> b).orElseThrow())
                .endsWith("…");
    }

    @Test
    void agentListStaysAlignedWithLongAndWideOwnerNames() {
        for (String[] agent : List.of(
                new String[] {"a1", "Dana Reyes"},
                new String[] {"agent-with-a-rather-long-identifier", "Governance Board of the Northern Europe "
                        + "Region (interim chair: Maximiliane von Hohenzollern-Sigmaringen)"},
                new String[] {"a3", "山田 太郎"})) {
            CliRun added = CliRun.in(data, "agent", "add", agent[0], "--name", "Agent " + agent[0], "--owner",
                    agent[1]);
            assertThat(added.exitCode()).as(added.err()).isZero();
        }

        List<String> lines = CliRun.in(data, "agent", "list").out().lines().toList();

        assertThat(lines).hasSize(4);
        String header = lines.get(0);
        for (String line : lines.subList(1, 4)) {
            // columns as a terminal draws them (CJK characters take two)
            assertThat(TerminalText.width(line.substring(0, line.indexOf("active"))))
                    .isEqualTo(header.indexOf("STATUS"));
            assertThat(line).endsWith("-      -"); // no model ("-" padded to the MODEL title), no policy
            assertThat(TerminalText.width(line) - 8).as(line).isEqualTo(header.indexOf("MODEL"));
        }
        String longOne = lines.stream().filter(l -> l.startsWith("agent-with")).findFirst().orElseThrow();
        assertThat(longOne).contains("Governance Board").contains("…").doesNotContain("Sigmaringen");
        assertThat(lines).anyMatch(l -> l.startsWith("a3 ") && l.contains("山田 太郎"));
    }

    /** Every table the CLI prints keeps its columns: each cell starts where its title does (in terminal columns). */
    @Test
    void everyListOnTheDemoWorkspaceIsAligned() {
        assertThat(CliRun.in(data, "demo").exitCode()).isZero();
        CliRun.in(data, "token", "issue", "--agent", "refunds-agent");
        for (List<String> command : List.of(List.of("agent", "list"), List.of("token", "list"),
                List.of("policy", "list"), List.of("readiness", "list"), List.of("assessment", "list"),
                List.of("compliance", "matrix"))) {
            CliRun run = CliRun.in(data, command.toArray(String[]::new));
            assertThat(run.err()).as(command.toString()).isEmpty();
            List<String> table = run.out().lines().takeWhile(l -> !l.isBlank() && !l.endsWith(".")).toList();
            assertThat(table).as(command.toString()).hasSizeGreaterThan(1);
            List<Integer> starts = columnStarts(table.get(0));
            for (String row : table.subList(1, table.size())) {
                for (int start : starts.subList(1, starts.size())) {
                    assertThat(charAtColumn(row, start - 2) + charAtColumn(row, start - 1))
                            .as(command + " row " + row + " at column " + start).isEqualTo("  ");
                }
            }
        }
    }

    /** Terminal columns where the header's titles start (titles are separated by two or more spaces). */
    private static List<Integer> columnStarts(String header) {
        List<Integer> starts = new java.util.ArrayList<>(List.of(0));
        var m = java.util.regex.Pattern.compile(" {2,}(\\S)").matcher(header);
        while (m.find()) {
            starts.add(TerminalText.width(header.substring(0, m.start(1))));
        }
        return starts;
    }

    private static String charAtColumn(String line, int column) {
        int used = 0;
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            if (used == column) {
                return ch;
            }
            used += TerminalText.width(ch);
            if (used > column) {
                return "|"; // a wide character straddles the column: misaligned
            }
            i += Character.charCount(cp);
        }
        return " ";
    }
}
