package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.policyqa.Replay;
import dev.arbiter.core.policyqa.ReplayReport;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code arbiter policy replay NAME [--version N] [--from T] [--to T]}: what a
 * version would have decided on the recorded requests (nothing is written).
 * Exit 0 when nothing would change, 3 when something would, 1 on an unknown policy or version.
 */
@Command(name = "replay",
        description = {"Re-decide the recorded requests of a ledger range under a policy version, with the rate "
                + "limits and budgets as they stood then, and list every decision that would change (nothing is written).",
                "Without --version each decision is replayed under the version that made it (a reproduction check).",
                "Exits 0 when no decision would change, 3 when some would, 1 on an unknown policy or version or a "
                        + "--changes file that cannot be written."})
final class PolicyReplayCommand implements Callable<Integer> {

    @Mixin HelpOption help;
    @Mixin WorkspaceOptions workspace;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "Policy name.")
    String name;
    @Option(names = "--version", paramLabel = "N", description = "The candidate version (default: the recorded ones).")
    Integer version;
    @Option(names = "--from", paramLabel = "TIME", converter = TimeArgument.From.class,
            description = "Only decisions at or after TIME. TIME is " + TimeArgument.ACCEPTED + ".")
    Instant from;
    @Option(names = "--to", paramLabel = "TIME", converter = TimeArgument.To.class,
            description = "Only decisions at or before TIME.")
    Instant to;
    @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
            description = "List at most N changes besides the deny->allow warnings (default 50).")
    int limit;
    @Option(names = "--changes", paramLabel = "FILE",
            description = "Write every changed decision to FILE, one JSON object a line (the report on the terminal "
                    + "keeps up to 1000 of each kind).")
    java.nio.file.Path changesFile;

    @Override
    public Integer call() {
        try (Workspace ws = workspace.open(); ChangesFile file = changesFile == null ? null
                : new ChangesFile(changesFile)) {
            ReplayReport report = new Replay(ws.auditReader(), ws.policies(), ws.agents()).run(name, version, from, to,
                    null, Replay.Progress.NONE, file);
            ReplayText.print(spec.commandLine().getOut(), report, Math.max(0, limit));
            if (file != null) {
                spec.commandLine().getOut().println("Wrote " + file.written() + " changed decision"
                        + (file.written() == 1 ? "" : "s") + " to " + changesFile + ".");
            }
            spec.commandLine().getOut().flush();
            return report.changed() == 0 ? 0 : 3;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("arbiter: " + e.getMessage());
            return 1;
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            spec.commandLine().getErr().println("arbiter: " + e.getMessage() + " (nothing else was changed; "
                    + "choose another --changes file)");
            return 1;
        }
    }
}
