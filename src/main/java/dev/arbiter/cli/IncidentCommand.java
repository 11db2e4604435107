package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.incident.Incident;
import dev.arbiter.core.incident.IncidentText;
import dev.arbiter.core.incident.LedgerRange;
import dev.arbiter.core.incident.NewIncident;
import dev.arbiter.core.incident.SeriousIncidentClass;
import dev.arbiter.core.incident.Severity;
import dev.arbiter.core.incident.TimelineEvent;
import dev.arbiter.report.incident.IncidentReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code arbiter incident open|list|show|ack|contain|resolve|close|classify|reported|root-cause|follow-up|note|
 * evidence|link|kill|pause|report}: the incident register (issue 17), every change audited.
 */
@Command(name = "incident", description = "Incidents: open, move through open → contained → resolved → closed,"
        + " EU AI Act Art. 73 deadlines, actions and the incident PDF.",
        subcommands = {IncidentCommand.Open.class, IncidentCommand.ListIncidents.class, IncidentCommand.Show.class,
                IncidentUpdates.Ack.class, IncidentUpdates.Contain.class, IncidentUpdates.Resolve.class,
                IncidentUpdates.Close.class, IncidentUpdates.Classify.class, IncidentUpdates.Reported.class,
                IncidentUpdates.RootCause.class, IncidentUpdates.FollowUp.class, IncidentUpdates.Note.class,
                IncidentUpdates.Evidence.class, IncidentUpdates.Link.class, IncidentUpdates.Kill.class,
                IncidentUpdates.Pause.class, IncidentCommand.Report.class, IncidentUpdates.RunPlaybook.class,
                IncidentUpdates.Step.class})
final class IncidentCommand {

    /** "INC-3", "inc-3" or "3". */
    static final class IdConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return RecordId.parse(value, "INC", "incident", "arbiter incident list");
        }
    }

    static final class SeverityConverter implements ITypeConverter<Severity> {
        @Override
        public Severity convert(String value) {
            return Severity.parse(value);
        }
    }

    static final class ClassConverter implements ITypeConverter<SeriousIncidentClass> {
        @Override
        public SeriousIncidentClass convert(String value) {
            return SeriousIncidentClass.parse(value);
        }
    }

    static final class RangeConverter implements ITypeConverter<LedgerRange> {
        @Override
        public LedgerRange convert(String value) {
            return LedgerRange.parse(value);
        }
    }

    /** The parts every command on one incident shares. */
    abstract static class OnIncident implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "ID", converter = IdConverter.class,
                description = "The incident, e.g. INC-3 or 3 (see arbiter incident list).")
        long id;

        abstract Incident apply(Workspace ws, String actor);

        abstract String done(Incident i);

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                Incident i = apply(ws, CliActor.of(ws));
                spec.commandLine().getOut().println(done(i));
                return 0;
            }
        }
    }

    @Command(name = "open", mixinStandardHelpOptions = true,
            description = "Open an incident; the ledger range and entries it names are frozen until it is closed.")
    static final class Open implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "TITLE", description = "What happened, in a line.") String title;
        @Option(names = "--severity", paramLabel = "LEVEL", defaultValue = "medium",
                converter = SeverityConverter.class,
                description = "low, medium, high or critical (default ${DEFAULT-VALUE}).") Severity severity;
        @Option(names = "--agent", split = ",", paramLabel = "ID",
                description = "An agent involved (repeat or comma-separate).") List<String> agents;
        @Option(names = "--range", paramLabel = "FROM..TO", converter = RangeConverter.class,
                description = "Ledger seqs involved, e.g. 120..180 (pinned against retention).") LedgerRange range;
        @Option(names = "--entry", split = ",", paramLabel = "SEQ",
                description = "A single ledger entry involved (repeat or comma-separate).") List<Long> entries;
        @Option(names = "--alert", paramLabel = "ID", description = "The alert it comes from.") String alert;
        @Option(names = "--detected", paramLabel = "TIME", converter = TimeArgument.From.class,
                description = "When it was noticed (default now); the Art. 73 clocks start here. "
                        + TimeArgument.ACCEPTED) Instant detected;
        @Option(names = "--classify", paramLabel = "CLASS", converter = ClassConverter.class,
                description = "EU AI Act classification: unassessed (default), not-serious, death, health,"
                        + " critical-infrastructure, widespread-infringement, fundamental-rights,"
                        + " property-or-environment.") SeriousIncidentClass classification;

        @Override
        public Integer call() {
            NewIncident n = new NewIncident(title, severity, agents, Optional.ofNullable(range), entries, alert,
                    detected, classification);
            try (Workspace ws = workspace.open()) {
                Incident i = ws.incidents().open(n, CliActor.of(ws));
                PrintWriter out = spec.commandLine().getOut();
                out.println("Opened INC-" + i.id() + " (" + i.severity().key() + "): " + i.title());
                out.println("  evidence frozen: " + i.pinned().map(r -> "ledger entries " + r).orElse("none named"));
                i.deadline().ifPresent(d -> out.println("  EU AI Act report " + d.describeAt(ws.clock().instant())
                        + " [" + i.classification().label() + "]"));
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every incident, newest first, with status and the Art. 73 deadline.")
    static final class ListIncidents implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;
        @Option(names = "--open", description = "Only incidents not closed.") boolean openOnly;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                PrintWriter out = spec.commandLine().getOut();
                Instant now = ws.clock().instant();
                List<Incident> all = ws.incidents().list().stream()
                        .filter(i -> !openOnly || i.status().isActive()).toList();
                if (all.isEmpty()) {
                    out.println("No incidents" + (openOnly ? " open" : "") + ". Open one with: arbiter incident open"
                            + " \"TITLE\" --severity high --agent ID");
                    return 0;
                }
                TextTable table = new TextTable(List.of("ID", "STATUS", "SEVERITY", "DETECTED", "EU AI ACT REPORT",
                        "TITLE"), 10, 10, 9, 20, 60, 60);
                for (Incident i : all) {
                    table.row("INC-" + i.id(), i.status().key(), i.severity().key(), IncidentText.time(i.awareAt()),
                            i.deadline().map(d -> d.describeAt(now)).orElse("none due"), i.title());
                }
                table.print(out);
                return 0;
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "One incident: triage, frozen evidence, deadline, timeline, root cause, follow-ups.")
    static final class Show implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "ID", converter = IdConverter.class,
                description = "The incident, e.g. INC-3 or 3.") long id;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                Incident i = ws.incidents().get(id);
                PrintWriter out = spec.commandLine().getOut();
                out.println("INC-" + i.id() + "  " + i.title());
                out.println("  status:      " + i.status().key() + next(i));
                out.println("  severity:    " + i.severity().key());
                out.println("  agents:      " + (i.agents().isEmpty() ? "none named" : String.join(", ", i.agents())));
                out.println("  detected:    " + IncidentText.time(i.awareAt()));
                out.println("  opened:      " + IncidentText.time(i.openedAt()) + " by " + i.openedBy()
                        + (i.sourceAlert() == null ? "" : " from alert " + i.sourceAlert()));
                out.println("  evidence:    " + i.pinned().map(r -> "ledger entries " + r
                        + (i.status().isActive() ? " (frozen)" : " (released)")).orElse("none named"));
                out.println("  policies:    " + (i.policies().isEmpty() ? "none in force"
                        : String.join(", ", i.policies())));
                out.println("  EU AI Act:   " + i.classification().label() + " (" + i.classification().source() + ")");
                i.deadline().ifPresent(d -> out.println("  report:      " + d.describeAt(ws.clock().instant())));
                out.println("  root cause:  " + (i.rootCause().isBlank() ? "not yet recorded" : i.rootCause()));
                for (String f : i.followUps()) {
                    out.println("  follow-up:   " + f);
                }
                out.println("Timeline:");
                TextTable table = new TextTable(List.of("WHEN", "WHAT", "WHO", "ENTRY", "NOTE"), 20, 12, 24, 8, 80);
                for (TimelineEvent e : i.timeline()) {
                    table.row(IncidentText.time(e.at()), e.kind().key(), e.actor(),
                            e.auditSeq() == null ? "" : "#" + e.auditSeq(), e.note());
                }
                table.print(out);
                return 0;
            }
        }

        private static String next(Incident i) {
            return i.status().next().map(n -> " (next: arbiter incident " + n.verb() + " INC-" + i.id() + ")")
                    .orElse(" (locked)");
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "The incident report and Art. 73 form as a PDF.")
    static final class Report extends OnIncident {
        @Option(names = "--out", required = true, paramLabel = "FILE.pdf", description = "File to write.") Path out;

        Incident apply(Workspace ws, String actor) {
            Incident i = ws.incidents().get(id);
            new IncidentReport(i, ws.clock().instant(), ZoneId.systemDefault()).write(out);
            return i;
        }

        String done(Incident i) {
            return "Wrote the report of INC-" + i.id() + " to " + out.toAbsolutePath();
        }
    }

}
