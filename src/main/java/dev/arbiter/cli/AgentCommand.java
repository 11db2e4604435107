package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.Agent;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.agent.FieldProblem;
import dev.arbiter.core.agent.InvalidAgentException;
import dev.arbiter.core.policy.DailyBudget;
import dev.arbiter.core.policy.DataClass;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code arbiter agent add|list|pause|resume|retire}. */
@Command(name = "agent", description = "Register agents and pause, resume or retire them.",
        subcommands = {AgentCommand.Add.class, AgentCommand.ListAgents.class, AgentCommand.Pause.class,
                AgentCommand.Resume.class, AgentCommand.Retire.class,
                AgentModelCommand.class})
final class AgentCommand {

    /** Form field names as the options spell them, for error messages. */
    private static final Map<String, String> OPTION = Map.of("id", "ID", "name", "--name", "owner", "--owner",
            "model", "--model", "policy", "--policy", "policyVersion", "--policy-version");

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Register an agent (active at once).")
    static final class Add implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The agent_id the agent sends, e.g. support-agent-v2.")
        String id;
        @Option(names = "--name", required = true, paramLabel = "TEXT", description = "Display name, e.g. \"Support agent\".")
        String name;
        @Option(names = "--owner", required = true, paramLabel = "TEXT", description = "Who answers for the agent.")
        String owner;
        @Option(names = "--purpose", paramLabel = "TEXT", description = "What the agent is for, in a sentence.")
        String purpose;
        @Option(names = "--vendor", paramLabel = "TEXT", description = "LLM vendor, e.g. Anthropic.") String vendor;
        @Option(names = "--model", paramLabel = "VERSION", description = "Pinned model version.") String model;
        @Option(names = "--fallback-model", paramLabel = "VERSION",
                description = "Model version to use when the pinned one is unavailable.") String fallbackModel;
        @Option(names = "--data-class", split = ",", paramLabel = "CLASS",
                description = "Data it touches: PII, PHI, Financial, Public (repeat or comma-separate).")
        List<String> dataClasses;
        @Option(names = "--daily-tokens", paramLabel = "N", description = "Hard daily token limit.") Long dailyTokens;
        @Option(names = "--daily-cost", paramLabel = "USD", description = "Hard daily cost limit.") BigDecimal dailyCost;
        @Option(names = "--alert-percent", paramLabel = "1-100", defaultValue = "80",
                description = "Alert at this share of the budget (default ${DEFAULT-VALUE}).") int alertPercent;
        @Option(names = "--policy", paramLabel = "NAME", description = "The policy it runs under.") String policy;
        @Option(names = "--policy-version", paramLabel = "N",
                description = "Pin a policy version (default: follow the active one).") Integer policyVersion;

        @Override
        public Integer call() {
            Set<DataClass> classes = EnumSet.noneOf(DataClass.class);
            for (String c : dataClasses == null ? List.<String>of() : dataClasses) {
                classes.add(DataClass.parse(c).orElseThrow(() -> new IllegalArgumentException(
                        "--data-class: unknown data class " + c + "; use PII, PHI, Financial or Public")));
            }
            DailyBudget budget = new DailyBudget(dailyTokens, dailyCost, alertPercent);
            AgentProfile profile = new AgentProfile(id, name, owner, purpose, vendor, model, fallbackModel, classes,
                    budget, policy, policyVersion);
            try (Workspace ws = workspace.open()) {
                Agent agent = ws.agents().add(profile, CliActor.of(ws));
                spec.commandLine().getOut().println("Added agent " + agent.id() + " (active"
                        + (policy == null ? "; no policy yet, so the gateway denies its actions" : ", policy "
                        + PolicyCommand.policyOf(agent)) + ").");
                return 0;
            } catch (InvalidAgentException e) {
                for (FieldProblem p : e.problems()) {
                    spec.commandLine().getErr().println("arbiter: " + OPTION.getOrDefault(p.field(), p.field())
                            + ": " + p.message());
                }
                return 1;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List agents (not retired unless --all).")
    static final class ListAgents implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Option(names = "--all", description = "Include retired agents.") boolean all;
        @Option(names = "--search", paramLabel = "TEXT", description = "Only agents with TEXT in any field.")
        String search;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                PrintWriter out = spec.commandLine().getOut();
                List<Agent> agents = ws.agents().list(search, all);
                if (agents.isEmpty()) {
                    out.println(search == null ? "No agents yet. Add one with: arbiter agent add ID --name N --owner O"
                            : "No agent matches \"" + search + "\".");
                    return 0;
                }
                TextTable table = new TextTable(List.of("ID", "STATUS", "NAME", "OWNER", "MODEL", "POLICY"),
                        40, 8, 32, 32, 40, 40);
                for (Agent a : agents) {
                    table.row(a.id(), a.status().wireName(), a.name(), a.profile().owner(),
                            a.profile().model().isEmpty() ? "-" : a.profile().model(), PolicyCommand.policyOf(a));
                }
                table.print(out);
                return 0;
            }
        }
    }

    /** pause, resume and retire: one agent, a reason, a status change. */
    abstract static class StatusChange implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The agent's id.") String id;
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (recorded in the ledger).")
        String reason;

        abstract Function<Workspace, Agent> change(String actor);

        abstract String done();

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                Agent agent = change(CliActor.of(ws)).apply(ws);
                spec.commandLine().getOut().println("Agent " + agent.id() + " " + done() + ".");
                return 0;
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("arbiter: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Pause an agent: its actions are denied until it is resumed.")
    static final class Pause extends StatusChange {
        Function<Workspace, Agent> change(String actor) {
            return ws -> ws.agents().pause(id, reason, actor);
        }

        String done() {
            return "paused; its actions are denied until: arbiter agent resume " + id + " --reason ...";
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Let a paused agent act again.")
    static final class Resume extends StatusChange {
        Function<Workspace, Agent> change(String actor) {
            return ws -> ws.agents().resume(id, reason, actor);
        }

        String done() {
            return "resumed";
        }
    }

    @Command(name = "retire", mixinStandardHelpOptions = true,
            description = "Retire an agent for good (kept for the record; its id is never reused).")
    static final class Retire extends StatusChange {
        Function<Workspace, Agent> change(String actor) {
            return ws -> ws.agents().retire(id, reason, actor);
        }

        String done() {
            return "retired";
        }
    }
}
