package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.ModelChangeException;
import dev.arbiter.core.agent.ModelChangeRequest;
import dev.arbiter.core.agent.ModelChanges;
import dev.arbiter.core.agent.ModelRole;
import dev.arbiter.core.agent.TestEvidence;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code arbiter agent model request|approve|reject|apply|list}: model change management (issue 17). */
@Command(name = "model", description = "Change an agent's pinned or fallback model through a tested, approved "
        + "change request.",
        subcommands = {AgentModelCommand.Request.class, AgentModelCommand.Approve.class,
                AgentModelCommand.Reject.class, AgentModelCommand.Apply.class, AgentModelCommand.ListRequests.class})
final class AgentModelCommand {

    static final class RoleConverter implements ITypeConverter<ModelRole> {
        @Override
        public ModelRole convert(String value) {
            return ModelRole.parse(value).orElseThrow(() -> new IllegalArgumentException("'" + value
                    + "' is not a model role; use pinned or fallback"));
        }
    }

    static final class Evidence {
        @Option(names = "--evidence", paramLabel = "JUNIT.xml", description = "The JUnit XML report of the test "
                + "run on the new model (e.g. from arbiter policy test --junit).") Path junit;
        @Option(names = "--evidence-ref", paramLabel = "TEXT", description = "Another reference to the test run: "
                + "a CI link, a ticket.") String reference;
    }

    /** One request id and a step on it. */
    abstract static class Step implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "REQUEST", description = "The request's number (see arbiter agent "
                + "model list).") long id;

        abstract ModelChangeRequest run(ModelChanges changes, String actor);

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                ModelChangeRequest r = run(ws.modelChanges(), CliActor.of(ws));
                spec.commandLine().getOut().println("Request #" + r.id() + " " + r.status().label() + ": "
                        + r.summary() + (r.selfApproved() ? " (self-approved)" : "") + ".");
                return 0;
            } catch (ModelChangeException e) {
                spec.commandLine().getErr().println("arbiter: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "request", mixinStandardHelpOptions = true,
            description = "Ask to move an agent to another model version, with why and the evidence it was tested.")
    static final class Request implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "AGENT", description = "The agent's id.") String agent;
        @Option(names = "--role", paramLabel = "pinned|fallback", defaultValue = "pinned",
                converter = RoleConverter.class, description = "Which model changes (default ${DEFAULT-VALUE}).")
        ModelRole role;
        @Option(names = "--to", required = true, paramLabel = "VERSION", description = "The exact new version "
                + "(never \"latest\").") String to;
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why it changes.") String reason;
        @ArgGroup(exclusive = true, multiplicity = "1") Evidence evidence;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                TestEvidence e = evidence.junit != null ? ModelChanges.junitReport(evidence.junit)
                        : new TestEvidence.Reference(evidence.reference);
                ModelChangeRequest r = ws.modelChanges().request(agent, role, to, reason, e, CliActor.of(ws));
                spec.commandLine().getOut().println("Requested #" + r.id() + ": " + r.summary() + ". Next: arbiter "
                        + "agent model approve " + r.id() + " (or reject " + r.id() + " --reason ...).");
                return 0;
            } catch (ModelChangeException e) {
                spec.commandLine().getErr().println("arbiter: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve a requested model change.")
    static final class Approve extends Step {
        @Option(names = "--note", paramLabel = "TEXT", description = "A note for the record.") String note;

        ModelChangeRequest run(ModelChanges changes, String actor) {
            return changes.approve(id, note, actor);
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true,
            description = "Reject a requested or approved (not yet applied) model change.")
    static final class Reject extends Step {
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why.") String reason;

        ModelChangeRequest run(ModelChanges changes, String actor) {
            return changes.reject(id, reason, actor);
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = "Apply an approved model change: the agent runs on the new version from now on.")
    static final class Apply extends Step {
        ModelChangeRequest run(ModelChanges changes, String actor) {
            return changes.apply(id, actor);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List model change requests, newest "
            + "first.")
    static final class ListRequests implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;
        @Option(names = "--agent", paramLabel = "ID", description = "Only this agent's requests.") String agent;
        @Option(names = "--open", description = "Only requests still requested or approved.") boolean open;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                PrintWriter out = spec.commandLine().getOut();
                List<ModelChangeRequest> all = ws.modelChanges().list(agent).stream()
                        .filter(r -> !open || r.status().isOpen()).toList();
                if (all.isEmpty()) {
                    out.println("No model change requests. Make one with: arbiter agent model request AGENT --to "
                            + "VERSION --reason TEXT --evidence JUNIT.xml");
                    return 0;
                }
                TextTable t = new TextTable(List.of("#", "AGENT", "ROLE", "FROM", "TO", "STATUS", "REQUESTED BY",
                        "DECIDED BY"), 6, 30, 8, 36, 36, 10, 24, 24);
                for (ModelChangeRequest r : all) {
                    t.row(String.valueOf(r.id()), r.agentId(), r.role().name().toLowerCase(java.util.Locale.ROOT),
                            r.fromModel().isEmpty() ? "-" : r.fromModel(), r.toModel(), r.status().label(),
                            r.requestedBy(), r.decidedBy() == null ? "-" : r.decidedBy()
                                    + (r.selfApproved() ? " (self)" : ""));
                }
                t.print(out);
                return 0;
            }
        }
    }
}
