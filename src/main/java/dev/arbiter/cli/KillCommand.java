package dev.arbiter.cli;

import dev.arbiter.core.Actor;
import dev.arbiter.core.Workspace;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code arbiter kill --reason R [--agent ID]}: engage the kill switch. */
@Command(name = "kill", mixinStandardHelpOptions = true,
        description = "Engage the kill switch: every agent (or one) is denied until resumed.")
final class KillCommand implements Callable<Integer> {

    @Mixin WorkspaceOptions workspace;
    @Spec CommandSpec spec;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (recorded in the ledger).")
    String reason;
    @Option(names = "--agent", paramLabel = "ID", description = "Only this agent (default: all agents).")
    String agent;

    @Override
    public Integer call() {
        try (Workspace ws = workspace.open()) {
            ws.killSwitch().engage(agent, reason, "cli:" + Actor.current(ws.settings()));
            spec.commandLine().getOut().println("Kill switch engaged for " + (agent == null ? "all agents" : agent) + ".");
            return 0;
        }
    }
}
