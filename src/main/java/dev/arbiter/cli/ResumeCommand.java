package dev.arbiter.cli;

import dev.arbiter.core.Actor;
import dev.arbiter.core.Workspace;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code arbiter resume --reason R [--agent ID]}: release the kill switch. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Release the kill switch for all agents (or one).")
final class ResumeCommand implements Callable<Integer> {

    @Mixin WorkspaceOptions workspace;
    @Spec CommandSpec spec;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (recorded in the ledger).")
    String reason;
    @Option(names = "--agent", paramLabel = "ID", description = "Only this agent (default: the global switch).")
    String agent;

    @Override
    public Integer call() {
        try (Workspace ws = workspace.open()) {
            ws.killSwitch().release(agent, reason, "cli:" + Actor.current(ws.settings()));
            spec.commandLine().getOut().println("Kill switch released for " + (agent == null ? "all agents" : agent) + ".");
            return 0;
        }
    }
}
