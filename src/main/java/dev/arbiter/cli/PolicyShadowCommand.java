package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.policyqa.ShadowReport;
import dev.arbiter.core.policyqa.ShadowReports;
import dev.arbiter.core.shadow.ShadowAssignment;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code arbiter policy shadow start|stop|list|report}: put a policy version in shadow for chosen
 * agents (evaluated and recorded beside the version in force, never enforced) and see what it
 * would have changed (issue 19).
 */
@Command(name = "shadow", description = {"Evaluate a policy version in shadow for chosen agents: the version in "
        + "force still decides; the shadow's would-be decision is recorded in each decision's audit entry, never "
        + "enforced.", "Then 'report' shows how many decisions it would change, by kind."},
        subcommands = {PolicyShadowCommand.Start.class, PolicyShadowCommand.Stop.class,
                PolicyShadowCommand.ListShadows.class, PolicyShadowCommand.Report.class})
final class PolicyShadowCommand {

    @Command(name = "start", description = "Put a policy version in shadow for one or more agents (replacing any "
            + "shadow they had); audited.")
    static final class Start implements Callable<Integer> {
        @Mixin HelpOption help;
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "AGENT", arity = "1..*", description = "Agent ids.")
        List<String> agentIds;
        @Option(names = "--policy", required = true, paramLabel = "NAME", description = "Policy name.")
        String policy;
        @Option(names = "--version", required = true, paramLabel = "N", description = "The version to shadow.")
        int version;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                for (String agent : agentIds) {
                    ShadowAssignment s = ws.shadows().start(agent, policy, version, CliActor.of(ws));
                    spec.commandLine().getOut().println(s.label() + " is now in shadow for " + s.agentId() + ".");
                }
                return 0;
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("arbiter: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "stop", description = "End the shadow of one or more agents; audited.")
    static final class Stop implements Callable<Integer> {
        @Mixin HelpOption help;
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "AGENT", arity = "1..*", description = "Agent ids.")
        List<String> agentIds;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                for (String agent : agentIds) {
                    ShadowAssignment s = ws.shadows().stop(agent, CliActor.of(ws));
                    spec.commandLine().getOut().println(s.label() + " is no longer in shadow for " + s.agentId()
                            + ".");
                }
                return 0;
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("arbiter: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "list", description = "List the agents with a policy version in shadow.")
    static final class ListShadows implements Callable<Integer> {
        @Mixin HelpOption help;
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                PrintWriter out = spec.commandLine().getOut();
                List<ShadowAssignment> all = ws.shadows().list();
                if (all.isEmpty()) {
                    out.println("No policy is in shadow. Start one with: arbiter policy shadow start AGENT "
                            + "--policy NAME --version N");
                    return 0;
                }
                TextTable table = new TextTable(List.of("AGENT", "SHADOW", "SINCE", "BY"), 40, 48, 24, 24);
                for (ShadowAssignment s : all) {
                    table.row(s.agentId(), s.label(), s.startedAt().toString(), s.startedBy());
                }
                table.print(out);
                return 0;
            }
        }
    }

    @Command(name = "report", description = {"How many recorded decisions the shadow would have changed, by kind "
            + "(allow->deny, deny->allow, tier up, tier down), with examples and a WARNING line for every would-be "
            + "allow of something the version in force denied.",
            "Exits 0 when nothing would change, 3 when something would."})
    static final class Report implements Callable<Integer> {
        @Mixin HelpOption help;
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Option(names = "--agent", paramLabel = "AGENT", description = "Only this agent's decisions.")
        String agentId;
        @Option(names = "--from", paramLabel = "TIME", converter = TimeArgument.From.class,
                description = "Only decisions at or after TIME. TIME is " + TimeArgument.ACCEPTED + ".")
        Instant from;
        @Option(names = "--to", paramLabel = "TIME", converter = TimeArgument.To.class,
                description = "Only decisions at or before TIME.")
        Instant to;
        @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
                description = "List at most N changes besides the deny->allow warnings (default 50).")
        int limit;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                ShadowReport report = new ShadowReports(ws.auditReader()).run(agentId, from, to);
                ReplayText.print(spec.commandLine().getOut(), report, Math.max(0, limit));
                spec.commandLine().getOut().flush();
                return report.changes().isEmpty() ? 0 : 3;
            }
        }
    }
}
