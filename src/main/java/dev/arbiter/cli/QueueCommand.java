package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.queue.ActionContext;
import dev.arbiter.core.queue.QueueItem;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code arbiter queue list|approve|deny}: the escalation queue without a window. */
@Command(name = "queue", description = "List, approve and deny actions waiting for a person.",
        subcommands = {QueueCommand.ListItems.class, QueueCommand.Approve.class, QueueCommand.Deny.class})
final class QueueCommand {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Pending actions: gated ones (waiting for approval) first, then supervised ones to review.")
    static final class ListItems implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                List<QueueItem> items = ws.queue().pending();
                PrintWriter out = spec.commandLine().getOut();
                if (items.isEmpty()) {
                    out.println("Nothing is waiting for a person.");
                    return 0;
                }
                Instant now = ws.clock().instant();
                items.forEach(item -> print(out, item, now));
                return 0;
            }
        }
    }

    /** Widest a line of agent-written text gets; fits an 80-column terminal with the indent. */
    private static final int TEXT_WIDTH = 76;
    /** Longest a summary or reasoning gets before it is cut: enough to judge, bounded for a long queue. */
    private static final int TEXT_LINES = 6;

    /**
     * One item as a reviewer needs it to decide: who, what, how much, how risky,
     * until when, what the agent says it does and why, and why it was queued.
     */
    private static void print(PrintWriter out, QueueItem i, Instant now) {
        ActionContext context = i.context();
        out.println(i.traceId() + "  " + TerminalText.clean(i.agentId()) + "  " + TerminalText.clean(i.action())
                + "  " + i.tier().wireName() + (i.isGated() ? " (waiting for approval)" : " (ran; to review)"));
        field(out, "Amount", context.amountUsd() == null ? "-"
                : String.format(Locale.US, "$%,.2f", context.amountUsd()));
        field(out, "Risk", (i.riskScore() == null ? "-" : String.format(Locale.US, "%.2f", i.riskScore()))
                + (i.confidence() == null ? "" : String.format(Locale.US, " (agent's confidence %.2f)", i.confidence())));
        field(out, "Due", WHEN.format(i.dueAt()) + (i.isOverdue(now) ? " (overdue)" : ""));
        field(out, "Summary", i.inputSummary());
        field(out, "Reasoning", i.reasoning());
        field(out, "Queued", i.reason());
        out.println();
    }

    private static void field(PrintWriter out, String label, String text) {
        List<String> lines = TerminalText.wrap(text, TEXT_WIDTH - 12, TEXT_LINES);
        for (int n = 0; n < lines.size(); n++) {
            out.println("  " + TerminalText.pad(n == 0 ? label : "", 10) + lines.get(n));
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve a queued action.")
    static final class Approve extends Resolve {
        @Override
        QueueItem resolve(Workspace ws, String reviewer) {
            return ws.queue().approve(traceId, reviewer, note);
        }

        @Override
        String outcome() {
            return "approved";
        }
    }

    @Command(name = "deny", mixinStandardHelpOptions = true, description = "Deny a queued action.")
    static final class Deny extends Resolve {
        @Override
        QueueItem resolve(Workspace ws, String reviewer) {
            return ws.queue().deny(traceId, reviewer, note);
        }

        @Override
        String outcome() {
            return "denied";
        }
    }

    /** What approve and deny share: the arguments, the reviewer and the confirmation line. */
    abstract static class Resolve implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "TRACE_ID", description = "The action's trace id, as arbiter queue list shows it.")
        String traceId;
        @Option(names = "--note", paramLabel = "TEXT", description = "Why (recorded in the ledger).") String note;

        abstract QueueItem resolve(Workspace ws, String reviewer);

        abstract String outcome();

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                QueueItem item = resolve(ws, CliActor.of(ws));
                spec.commandLine().getOut().println(item.action() + " of " + item.agentId() + " " + outcome() + ".");
                return 0;
            }
        }
    }
}
