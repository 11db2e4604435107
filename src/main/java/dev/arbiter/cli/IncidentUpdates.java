package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.incident.Incident;
import dev.arbiter.core.incident.IncidentAction;
import dev.arbiter.core.incident.IncidentStatus;
import dev.arbiter.core.incident.LedgerRange;
import dev.arbiter.core.incident.SeriousIncidentClass;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code arbiter incident} subcommands that change one incident: its status, classification, report,
 * root cause, follow-ups, notes, evidence, linked and taken actions, and playbook steps. Each is one call
 * of the incident register, audited there, and prints one line saying what it did.
 */
final class IncidentUpdates {

    private IncidentUpdates() {
    }

    @Command(name = "ack", mixinStandardHelpOptions = true, description = "Record that you took the incident on.")
    static final class Ack extends IncidentCommand.OnIncident {
        @Option(names = "--note", paramLabel = "TEXT", description = "What you are doing first.") String note;

        Incident apply(Workspace ws, String actor) {
            return ws.incidents().acknowledge(id, note, actor);
        }

        String done(Incident i) {
            return "Acknowledged INC-" + i.id() + ".";
        }
    }

    /** contain, resolve and close: one step of the status machine. */
    abstract static class Move extends IncidentCommand.OnIncident {
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
    static final class Classify extends IncidentCommand.OnIncident {
        @Parameters(index = "1", paramLabel = "CLASS", converter = IncidentCommand.ClassConverter.class,
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
    static final class Reported extends IncidentCommand.OnIncident {
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
    static final class RootCause extends IncidentCommand.OnIncident {
        @Parameters(index = "1", paramLabel = "TEXT", description = "The root cause.") String text;

        Incident apply(Workspace ws, String actor) {
            return ws.incidents().setRootCause(id, text, actor);
        }

        String done(Incident i) {
            return "Recorded the root cause of INC-" + i.id() + ".";
        }
    }

    @Command(name = "follow-up", mixinStandardHelpOptions = true, description = "Add a follow-up.")
    static final class FollowUp extends IncidentCommand.OnIncident {
        @Parameters(index = "1", paramLabel = "TEXT", description = "What is to be done.") String text;

        Incident apply(Workspace ws, String actor) {
            return ws.incidents().addFollowUp(id, text, actor);
        }

        String done(Incident i) {
            return "INC-" + i.id() + " has " + i.followUps().size() + " follow-up(s).";
        }
    }

    @Command(name = "note", mixinStandardHelpOptions = true, description = "Add a note to the timeline.")
    static final class Note extends IncidentCommand.OnIncident {
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
    static final class Evidence extends IncidentCommand.OnIncident {
        @Option(names = "--range", paramLabel = "FROM..TO", converter = IncidentCommand.RangeConverter.class,
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
    static final class Link extends IncidentCommand.OnIncident {
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
    static final class Kill extends IncidentCommand.OnIncident {
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
    static final class Pause extends IncidentCommand.OnIncident {
        @Option(names = "--agent", required = true, paramLabel = "ID", description = "The agent.") String agent;
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why.") String reason;

        Incident apply(Workspace ws, String actor) {
            return ws.incidents().takeAction(id, new IncidentAction.PauseAgent(agent, reason), actor);
        }

        String done(Incident i) {
            return "Paused " + agent + "; linked to INC-" + i.id() + ".";
        }
    }

    @Command(name = "playbook", mixinStandardHelpOptions = true,
            description = "Start running a playbook for the incident (see arbiter playbook list).")
    static final class RunPlaybook extends IncidentCommand.OnIncident {
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
    static final class Step extends IncidentCommand.OnIncident {
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
