package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.erasure.ErasureResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code arbiter audit erase --subject S --reason R [--yes]}: GDPR erasure that keeps the chain verifiable. */
@Command(name = "erase", mixinStandardHelpOptions = true,
        description = {"Erase a data subject's personal fields (input summary, reasoning, output, context) from the "
                + "audit ledger (GDPR Art. 17). The hash chain, checkpoints and bundles still verify; the fields "
                + "then read [erased]. Entries under a legal hold are kept. The erasure is recorded in the ledger "
                + "without the subject's id.",
                "The subject is the context.subject_id the agent sent with its requests."})
final class AuditEraseCommand implements Callable<Integer> {

    @Mixin WorkspaceOptions workspace;
    @Spec CommandSpec spec;

    @Option(names = "--subject", required = true, paramLabel = "ID",
            description = "The data subject's id, exactly as sent in context.subject_id.")
    String subject;
    @Option(names = "--reason", required = true, paramLabel = "TEXT",
            description = "The erasure request's reference; recorded in the ledger.")
    String reason;
    @Option(names = "--yes", description = "Erase without asking (needed when not at a terminal).")
    boolean yes;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace ws = workspace.open()) {
            int found = ws.erasure().entriesOf(subject);
            if (!yes) {
                java.io.Console console = System.console();
                if (console == null) {
                    spec.commandLine().getErr().println(found + " entries hold personal data of this subject. "
                            + "Erasure cannot be undone: run again with --yes to erase; nothing was erased.");
                    return 1;
                }
                String answer = console.readLine("Erase the personal fields of %d entries? This cannot be undone."
                        + " [y/N] ", found);
                if (answer == null || !answer.strip().equalsIgnoreCase("y")) {
                    out.println("Nothing was erased.");
                    return 1;
                }
            }
            ErasureResult r = ws.erasure().erase(subject, reason, CliActor.of(ws));
            out.println("Erased " + r.fields() + " personal fields of " + r.entries() + " entries; recorded as entry #"
                    + r.recordedAs() + ". The chain still verifies (`arbiter audit verify`).");
            if (r.heldEntries() > 0) {
                out.println(r.heldEntries() + " entries were kept under legal hold "
                        + String.join(", ", r.holds().stream().map(h -> "#" + h.id()).toList())
                        + " (GDPR Art. 17(3)(e)); run erase again once the hold is released.");
            }
            if (!r.scrubbed()) {
                out.println("Another Arbiter process was reading, so an older copy of the erased data may remain in "
                        + "the database journal until its next checkpoint. Run erase again when it is closed.");
            }
            return 0;
        }
    }
}
