package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditTime;
import dev.arbiter.core.audit.LedgerRetention;
import dev.arbiter.core.audit.RecordClass;
import dev.arbiter.core.audit.RetentionFloor;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code arbiter audit retention}: the retention floor of each record class, shown and set (issue 18). */
@Command(name = "retention", mixinStandardHelpOptions = true,
        description = {"Show the retention floor of each record class (decisions, approvals, policy-changes, "
                + "incidents, system): `audit prune` refuses to remove an entry younger than its class's floor.",
                "Floors are at least 180 days (EU AI Act Art. 26(6)); set one with --floor CLASS=DAYS."})
final class AuditRetentionCommand implements Callable<Integer> {

    @Mixin WorkspaceOptions workspace;
    @Spec CommandSpec spec;

    @Option(names = "--floor", paramLabel = "CLASS=DAYS", description = "Set a class's floor in days (180 or more); "
            + "repeatable. CLASS: decisions, approvals, policy-changes, incidents, system.")
    Map<String, Integer> floors = new LinkedHashMap<>();

    @Override
    public Integer call() {
        try (Workspace ws = workspace.open()) {
            RetentionFloor floor = new RetentionFloor(ws.database(), ws.settings(), ws.clock());
            for (Map.Entry<String, Integer> f : floors.entrySet()) {
                RecordClass rc = RecordClass.parse(f.getKey()).orElseThrow(() -> new IllegalArgumentException(
                        "--floor: there is no record class " + f.getKey() + " (use decisions, approvals, "
                                + "policy-changes, incidents or system)."));
                floor.setDays(rc, f.getValue());
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("Retention: " + ws.settings().getInt(LedgerRetention.SETTING, LedgerRetention.DEFAULT_YEARS)
                    + " years (audit prune removes older entries; setting " + LedgerRetention.SETTING + ").");
            out.printf("%-15s %-10s %-24s %s%n", "CLASS", "FLOOR", "MAY PRUNE BEFORE (UTC)", "EVENTS");
            for (RecordClass rc : RecordClass.values()) {
                out.printf("%-15s %-10s %-24s %s%n", rc.key(), floor.days(rc) + " days",
                        AuditTime.format(floor.oldestPrunable(rc)).substring(0, 19) + "Z",
                        rc.events().isEmpty() ? "every other event" : String.join(" ", rc.events()));
            }
            return 0;
        }
    }
}
