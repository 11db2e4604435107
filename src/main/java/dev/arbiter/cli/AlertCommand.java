package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.alert.Alert;
import dev.arbiter.core.alert.AlertRules;
import dev.arbiter.core.alert.AlertRulesYaml;
import dev.arbiter.core.alert.AlertStatus;
import dev.arbiter.core.alert.InvalidAlertRulesException;
import dev.arbiter.core.agent.AgentId;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code arbiter alert list|ack|rules}: alerts and their rules without a window. */
@Command(name = "alert", mixinStandardHelpOptions = true,
        description = "List and triage alerts on agents' behaviour; show and edit the alert rules.",
        subcommands = {AlertCommand.ListAlerts.class, AlertCommand.Ack.class, AlertCommand.Rules.class})
final class AlertCommand {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Open alerts, newest first (--all: triaged ones too). Times are UTC.")
    static final class ListAlerts implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;
        @Option(names = "--all", description = "Include triaged alerts.") boolean all;
        @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N (default 100).")
        int limit;

        @Override
        public Integer call() {
            if (limit < 1 || limit > 100_000) {
                throw new IllegalArgumentException("--limit must be 1 to 100000, not " + limit);
            }
            try (Workspace ws = workspace.open()) {
                List<Alert> alerts = ws.alerts().service().list(!all, limit);
                PrintWriter out = spec.commandLine().getOut();
                if (alerts.isEmpty()) {
                    out.println(all ? "No alerts yet." : "No open alerts. (arbiter alert list --all shows triaged ones.)");
                    return 0;
                }
                TextTable table = new TextTable(List.of("ID", "RAISED (UTC)", "RULE", "AGENT", "STATUS", "EVIDENCE",
                        "SUMMARY"), 15, 19, 20, 24, 14, 20, 80);
                for (Alert a : alerts) {
                    table.row(a.id(), WHEN.format(a.raisedAt()), a.rule().key(), a.agentId(), a.status().key(),
                            a.firstSeq() == 0 ? null : "#" + a.firstSeq() + "-#" + a.lastSeq(), a.summary());
                }
                table.print(out);
                return 0;
            }
        }
    }

    @Command(name = "ack", mixinStandardHelpOptions = true,
            description = "Triage an alert as a true or a false positive, with a note (recorded in the ledger).")
    static final class Ack implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "ALERT_ID", description = "The alert's id, as arbiter alert list shows it.")
        String id;
        @ArgGroup(exclusive = true, multiplicity = "1") Verdict verdict;
        @Option(names = "--note", required = true, paramLabel = "TEXT", description = "Why (required).") String note;

        static final class Verdict {
            @Option(names = "--true-positive", required = true, description = "The alert was right.") boolean truePositive;
            @Option(names = "--false-positive", required = true, description = "The alert was wrong.") boolean falsePositive;
        }

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                Alert a = ws.alerts().service().triage(id.strip(), verdict.truePositive ? AlertStatus.TRUE_POSITIVE
                        : AlertStatus.FALSE_POSITIVE, note, CliActor.of(ws));
                spec.commandLine().getOut().println("Alert " + a.id() + " triaged as "
                        + a.status().key().replace('_', ' ') + ".");
                return 0;
            }
        }
    }

    @Command(name = "rules", mixinStandardHelpOptions = true,
            description = "Show, check and edit alert rules (shipped defaults, then the workspace's, the policy's "
                    + "and the agent's edits).",
            subcommands = {Rules.Show.class, Rules.Validate.class, Rules.Set.class})
    static final class Rules {

        /** Which edits: exactly one of the workspace, a policy or an agent. */
        static final class Scope {
            @Option(names = "--workspace", required = true, description = "The whole workspace.") boolean workspace;
            @Option(names = "--policy", required = true, paramLabel = "NAME", description = "Agents under a policy.")
            String policy;
            @Option(names = "--agent", required = true, paramLabel = "ID", description = "One agent.") String agent;

            String text() {
                if (agent != null) {
                    return AlertRules.agentScope(AgentId.canonical(agent));
                }
                return policy != null ? AlertRules.policyScope(policy.strip()) : AlertRules.WORKSPACE;
            }
        }

        @Command(name = "show", mixinStandardHelpOptions = true,
                description = "Print the rules in force (for --agent ID, that agent's), as YAML.")
        static final class Show implements Callable<Integer> {
            @Mixin WorkspaceOptions workspace;
            @Spec CommandSpec spec;
            @Option(names = "--agent", paramLabel = "ID", description = "The rules in force for this agent.")
            String agent;

            @Override
            public Integer call() {
                try (Workspace ws = workspace.open()) {
                    String id = agent == null ? null : AgentId.canonical(agent);
                    if (id != null && ws.agents().find(id).isEmpty()) {
                        throw new IllegalArgumentException("--agent: no agent " + id + " (arbiter agent list)");
                    }
                    spec.commandLine().getOut().print(AlertRulesYaml.write(ws.alerts().rules().forAgent(id)));
                    return 0;
                }
            }
        }

        @Command(name = "validate", mixinStandardHelpOptions = true,
                description = "Check alert rule files; prints file:line:col: message for each problem, exit 1 if any.")
        static final class Validate implements Callable<Integer> {
            @Spec CommandSpec spec;
            @Parameters(arity = "1..*", paramLabel = "FILE", description = "Alert rules YAML files.") List<Path> files;

            @Override
            public Integer call() {
                boolean ok = true;
                for (Path file : files) {
                    var problems = AlertRules.validate(read(file));
                    if (problems.isEmpty()) {
                        spec.commandLine().getOut().println(file + ": ok");
                    } else {
                        ok = false;
                        problems.forEach(p -> spec.commandLine().getErr().println(p.in(file.toString())));
                    }
                }
                spec.commandLine().getOut().flush();
                spec.commandLine().getErr().flush();
                return ok ? 0 : 1;
            }
        }

        @Command(name = "set", mixinStandardHelpOptions = true,
                description = "Save a file as the edits of the workspace, a policy or an agent (audited); only what "
                        + "it writes changes.")
        static final class Set implements Callable<Integer> {
            @Mixin WorkspaceOptions workspace;
            @Spec CommandSpec spec;
            @ArgGroup(exclusive = true, multiplicity = "1") Scope scope;
            @Parameters(paramLabel = "FILE", description = "Alert rules YAML (see arbiter alert rules show).") Path file;

            @Override
            public Integer call() {
                String yaml = read(file);
                try (Workspace ws = workspace.open()) {
                    if (scope.agent != null && ws.agents().find(AgentId.canonical(scope.agent)).isEmpty()) {
                        throw new IllegalArgumentException("--agent: no agent " + scope.agent + " (arbiter agent list)");
                    }
                    ws.alerts().rules().save(scope.text(), yaml, CliActor.of(ws));
                    spec.commandLine().getOut().println("Alert rules of " + scope.text() + " saved.");
                    return 0;
                } catch (InvalidAlertRulesException e) {
                    e.problems().forEach(p -> spec.commandLine().getErr().println(p.in(file.toString())));
                    spec.commandLine().getErr().flush();
                    return 1;
                }
            }
        }

        private static String read(Path file) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(file + ": cannot be read (" + e.getMessage() + ")", e);
            }
        }
    }
}
