package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.incident.Incident;
import dev.arbiter.core.incident.IncidentAction;
import dev.arbiter.core.incident.IncidentStatus;
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
import java.util.Locale;
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
                IncidentCommand.Ack.class, IncidentCommand.Contain.class, IncidentCommand.Resolve.class,
                IncidentCommand.Close.class, IncidentCommand.Classify.class, IncidentCommand.Reported.class,
                IncidentCommand.RootCause.class, IncidentCommand.FollowUp.class, IncidentCommand.Note.class,
                IncidentCommand.Evidence.class, IncidentCommand.Link.class, IncidentCommand.Kill.class,
                IncidentCommand.Pause.class, IncidentCommand.Report.class, IncidentCommand.RunPlaybook.class,
                IncidentCommand.Step.class})
final class IncidentCommand {

    /** "INC-3", "inc-3" or "3". */
    static final class IdConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String t = value.strip().toUpperCase(Locale.ROOT);
            t = t.startsWith("INC-") ? t.substring(4) : t;
            try {
                long id = Long.parseLong(t);
                if (id > 0) {
                    return id;
                }
            } catch (NumberFormatException e) {
                // the message below
            }
            throw new IllegalArgumentException("ID: '" + value + "' is not an incident id; write INC-3 or 3"
                    + " (arbiter incident list shows them)");
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

    @Command(name = "ack", mixinStandardHelpOptions = true, description = "Record that you took the incident on.")
    static final class Ack extends OnIncident {
        @Option(names = "--note", paramLabel = "TEXT", description = "What you are doing first.") String note;

        Incident apply(Workspace ws, String actor) {
            return ws.incidents().acknowledge(id, note, actor);
        }

        String done(Incident i) {
            return "Acknowledged INC-" + i.id() + ".";
        }
    }

    /** contain, resolve and close: one step of the status machine. */
    abstract static class Move extends OnIncident {
        @Option(names = "--note", paramLabel = "TEXT", description = "What was done.") String note;

        abstract IncidentStatus target();

        Incident apply(Workspace ws, String actor) {
            return ws.incidents().move(id, target(), note, actor);
        }

        String done(Incident i) {
            return "INC-" + i.id() + " is now " + i.status().key()
                    + (i.status() == IncidentStatus.CLOSED ? "; its evidence is released to retention." : ".");
        }
    }

    @Command(name = "contain", mixinStandardHelpOptions = true, description = "Mark an open incident contained.")
    static final class Contain extends Move {
        IncidentStatus target() {
            return IncidentStatus.CONTAINED;
        }
    }

    @Command(name = "resolve", mixinStandardHelpOptions = true, description = "Mark a contained incident resolved.")
    static final class Resolve extends Move {
        IncidentStatus target() {
            return IncidentStatus.RESOLVED;
        }
    }

    @Command(name = "close", mixinStandardHelpOptions = true,
            description = "Close a resolved incident (needs a root cause); it is locked and its evidence released.")
    static final class Close extends Move {
        IncidentStatus target() {
            return IncidentStatus.CLOSED;
        }
    }

    @Command(name = "classify", mixinStandardHelpOptions = true,
            description = "Set the EU AI Act classification; the Art. 73 reporting clock follows it.")
    static final class Classify extends OnIncident {
        @Parameters(index = "1", paramLabel = "CLASS", converter = ClassConverter.class,
                description = "unassessed, not-serious, death, health, critical-infrastructure,"
                        + " widespread-infringement, fundamental-rights, property-or-environment.")
        SeriousIncidentClass classification;
        @Option(names = "--reason", paramLabel = "TEXT", description = "Why.") String reason;

        Incident apply(Workspace ws, String actor) {
            return ws.incidents().classify(id, classification, reason, actor);
        }

        String done(Incident i) {
            return "INC-" + i.id() + ": " + i.classification().label() + "; " + i.deadline()
                    .map(d -> "report " + d.describeAt(Instant.now())).orElse("no report due") + ".";
        }
    }

    @Command(name = "reported", mixinStandardHelpOptions = true,
            description = "Record that the Art. 73 report was sent to the authority.")
    static final class Reported extends OnIncident {
        @Option(names = "--sent", paramLabel = "TIME", converter = TimeArgument.From.class,
                description = "When it was sent (default now). " + TimeArgument.ACCEPTED) Instant sent;
        @Option(names = "--reference", paramLabel = "TEXT", description = "The authority's case reference.")
        String reference;

        Incident apply(Workspace ws, String actor) {
            return ws.incidents().markReported(id, sent, reference, actor);
        }

        String done(Incident i) {
            return "INC-" + i.id() + ": report " + i.deadline().orElseThrow().describeAt(Instant.now()) + ".";
        }
    }

    @Command(name = "root-cause", mixinStandardHelpOptions = true, description = "Record the root cause.")
    static final class RootCause extends OnIncident {
        @Parameters(index = "1", paramLabel = "TEXT", description = "The root cause.") String text;

        Incident apply(Workspace ws, String actor) {
            return ws.incidents().setRootCause(id, text, actor);
        }

        String done(Incident i) {
            return "Recorded the root cause of INC-" + i.id() + ".";
        }
    }

    @Command(name = "follow-up", mixinStandardHelpOptions = true, description = "Add a follow-up.")
    static final class FollowUp extends OnIncident {
        @Parameters(index = "1", paramLabel = "TEXT", description = "What is to be done.") String text;

        Incident apply(Workspace ws, String actor) {
            return ws.incidents().addFollowUp(id, text, actor);
        }

        String done(Incident i) {
            return "INC-" + i.id() + " has " + i.followUps().size() + " follow-up(s).";
        }
    }

    @Command(name = "note", mixinStandardHelpOptions = true, description = "Add a note to the timeline.")
    static final class Note extends OnIncident {
        @Parameters(index = "1", paramLabel = "TEXT", description = "The note.") String text;

        Incident apply(Workspace ws, String actor) {
            return ws.incidents().addNote(id, text, actor);
        }

        String done(Incident i) {
            return "Noted on INC-" + i.id() + ".";
        }
    }

    @Command(name = "evidence", mixinStandardHelpOptions = true,
            description = "Add ledger entries or a range to the frozen evidence.")
    static final class Evidence extends OnIncident {
        @Option(names = "--range", paramLabel = "FROM..TO", converter = RangeConverter.class,
                description = "Ledger seqs, e.g. 120..180.") LedgerRange range;
        @Option(names = "--entry", split = ",", paramLabel = "SEQ", description = "Single entries.") List<Long> entries;

        Incident apply(Workspace ws, String actor) {
            if (range == null && (entries == null || entries.isEmpty())) {
                throw new IllegalArgumentException("--range or --entry: name the ledger entries to add");
            }
            return ws.incidents().addEvidence(id, entries == null ? List.of() : entries, range, actor);
        }

        String done(Incident i) {
            return "INC-" + i.id() + " freezes ledger entries " + i.pinned().map(LedgerRange::toString).orElse("none")
                    + ".";
        }
    }

    @Command(name = "link", mixinStandardHelpOptions = true,
            description = "Link an action already taken (kill switch, pause, policy change) by its audit entry.")
    static final class Link extends OnIncident {
        @Parameters(index = "1", paramLabel = "SEQ", description = "The action's ledger entry.") long seq;
        @Option(names = "--note", paramLabel = "TEXT", description = "What it did.") String note;

        Incident apply(Workspace ws, String actor) {
            return ws.incidents().linkAction(id, seq, note, actor);
        }

        String done(Incident i) {
            return "Linked entry " + seq + " to INC-" + i.id() + ".";
        }
    }

    @Command(name = "kill", mixinStandardHelpOptions = true,
            description = "Engage the kill switch now from the incident (one agent, or all), audited and linked.")
    static final class Kill extends OnIncident {
        @Option(names = "--agent", paramLabel = "ID", description = "Only this agent (default: every agent).")
        String agent;
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why.") String reason;

        Incident apply(Workspace ws, String actor) {
            return ws.incidents().takeAction(id, new IncidentAction.KillSwitch(agent, reason), actor);
        }

        String done(Incident i) {
            return "Kill switch engaged for " + (agent == null ? "every agent" : agent) + "; linked to INC-" + i.id()
                    + " (entry " + i.actions().get(i.actions().size() - 1).auditSeq() + ").";
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Pause an agent now from the incident, audited and linked.")
    static final class Pause extends OnIncident {
        @Option(names = "--agent", required = true, paramLabel = "ID", description = "The agent.") String agent;
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why.") String reason;

        Incident apply(Workspace ws, String actor) {
            return ws.incidents().takeAction(id, new IncidentAction.PauseAgent(agent, reason), actor);
        }

        String done(Incident i) {
            return "Paused " + agent + "; linked to INC-" + i.id() + ".";
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

    @Command(name = "playbook", mixinStandardHelpOptions = true,
            description = "Start running a playbook for the incident (see arbiter playbook list).")
    static final class RunPlaybook extends OnIncident {
        @Parameters(index = "1", paramLabel = "PLAYBOOK", description = "e.g. runaway-cost-loop.") String playbook;

        Incident apply(Workspace ws, String actor) {
            return ws.incidents().startPlaybook(id, ws.playbooks().get(playbook), actor);
        }

        String done(Incident i) {
            return "Started " + playbook + " for INC-" + i.id() + "; tick steps with: arbiter incident step "
                    + i.id() + " " + playbook + " N";
        }
    }

    @Command(name = "step", mixinStandardHelpOptions = true, description = "Tick a step of a running playbook as done.")
    static final class Step extends OnIncident {
        @Parameters(index = "1", paramLabel = "PLAYBOOK", description = "e.g. runaway-cost-loop.") String playbook;
        @Parameters(index = "2", paramLabel = "N", description = "The step number (from 1).") int step;
        @Option(names = "--note", paramLabel = "TEXT", description = "What was done.") String note;

        Incident apply(Workspace ws, String actor) {
            return ws.incidents().completeStep(id, ws.playbooks().get(playbook), step, note, actor);
        }

        String done(Incident i) {
            return "Step " + step + " of " + playbook + " done for INC-" + i.id() + ".";
        }
    }
}
