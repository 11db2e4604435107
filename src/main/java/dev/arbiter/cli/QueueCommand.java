package dev.arbiter.cli;

import dev.arbiter.core.Actor;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.queue.QueueItem;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
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
                out.printf("%-22s %-20s %-22s %-10s %-5s %s%n", "TRACE", "AGENT", "ACTION", "TIER", "RISK", "DUE");
                for (QueueItem i : items) {
                    out.printf("%-22s %-20s %-22s %-10s %-5s %s%s%n", i.traceId(), i.agentId(), i.action(),
                            i.tier().wireName(), i.riskScore() == null ? "-" : String.format("%.2f", i.riskScore()),
                            WHEN.format(i.dueAt()), i.isOverdue(now) ? " (overdue)" : "");
                    out.println("    " + i.reason());
                }
                return 0;
            }
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve a queued action.")
    static final class Approve implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "TRACE_ID") String traceId;
        @Option(names = "--note", paramLabel = "TEXT", description = "Why (recorded in the ledger).") String note;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                QueueItem item = ws.queue().approve(traceId, "cli:" + Actor.current(ws.settings()), note);
                spec.commandLine().getOut().println(item.action() + " of " + item.agentId() + " approved.");
                return 0;
            }
        }
    }

    @Command(name = "deny", mixinStandardHelpOptions = true, description = "Deny a queued action.")
    static final class Deny implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "TRACE_ID") String traceId;
        @Option(names = "--note", paramLabel = "TEXT", description = "Why (recorded in the ledger).") String note;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                QueueItem item = ws.queue().deny(traceId, "cli:" + Actor.current(ws.settings()), note);
                spec.commandLine().getOut().println(item.action() + " of " + item.agentId() + " denied.");
                return 0;
            }
        }
    }
}
