package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.demo.DemoWorkspace;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code arbiter demo}: fill an empty data directory with the demo workspace. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Fill an empty workspace with sample agents, policies, assessments and audit entries.")
final class DemoCommand implements Callable<Integer> {

    @Mixin WorkspaceOptions workspace;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        try (Workspace ws = workspace.open()) {
            DemoWorkspace.seed(ws);
            spec.commandLine().getOut().println("Demo workspace created in " + ws.directory().root());
            return 0;
        }
    }
}
