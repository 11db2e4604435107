package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.control.KillSwitchState;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What {@code kill} and {@code resume} share: a scope, a required reason, an
 * audited change. An unknown agent id, or a release of a switch that is not
 * engaged, fails with exit 1 and a message from core, and writes nothing.
 */
abstract class KillSwitchCommand implements Callable<Integer> {

    @Mixin WorkspaceOptions workspace;
    @Spec CommandSpec spec;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (recorded in the ledger).")
    String reason;
    @Option(names = "--agent", paramLabel = "ID", description = "Only this agent (default: all agents).")
    String agent;

    /** True to engage, false to release. */
    abstract boolean engages();

    @Override
    public Integer call() {
        try (Workspace ws = workspace.open()) {
            String actor = CliActor.of(ws);
            if (engages()) {
                ws.killSwitch().engage(agent, reason, actor);
            } else {
                ws.killSwitch().release(agent, reason, actor);
            }
            spec.commandLine().getOut().println("Kill switch " + (engages() ? "engaged" : "released") + " for "
                    + (agent == null ? "all agents" : agent) + ".");
            if (!engages() && agent == null && !ws.killSwitch().engaged().isEmpty()) {
                spec.commandLine().getOut().println("Still engaged for: " + String.join(", ", ws.killSwitch()
                        .engaged().stream().map(KillSwitchState::scope).toList()) + " (release each with --agent ID).");
            } else if (!engages() && ws.killSwitch().isEngagedFor(agent)) {
                spec.commandLine().getOut().println(agent + " is still stopped: the kill switch for all agents is engaged.");
            }
            return 0;
        }
    }
}
