package dev.arbiter.cli;

import dev.arbiter.core.Actor;
import dev.arbiter.core.Workspace;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** What {@code kill} and {@code resume} share: a scope, a required reason, an audited change. */
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
            String actor = "cli:" + Actor.current(ws.settings());
            if (engages()) {
                ws.killSwitch().engage(agent, reason, actor);
            } else {
                ws.killSwitch().release(agent, reason, actor);
            }
            spec.commandLine().getOut().println("Kill switch " + (engages() ? "engaged" : "released") + " for "
                    + (agent == null ? "all agents" : agent) + ".");
            return 0;
        }
    }
}
