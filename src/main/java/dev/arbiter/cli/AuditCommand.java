package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.audit.ExportFormat;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.audit.LedgerRetention;
import dev.arbiter.core.audit.VerificationResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code arbiter audit verify|export|prune|reset-anchor|tail|checkpoint|key|bundle|hold|erase}. */
@Command(name = "audit", description = "Verify, export and prune the audit ledger.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class, AuditCommand.Prune.class,
                AuditCommand.ResetAnchor.class, AuditTailCommand.class, AuditEvidenceCommand.Checkpoint.class, AuditEvidenceCommand.Key.class,
                AuditEvidenceCommand.Bundle.class, AuditEvidenceCommand.ReceiptCommand.class,
                AuditEvidenceCommand.Hold.class, AuditEraseCommand.class, AuditWitnessCommand.Import.class,
                AuditRetentionCommand.class})
final class AuditCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check the hash chain and the signed checkpoints; exits 1 naming the first problem.",
                    "With FILE: verify an evidence bundle (.zip), a receipt (.json) or an entries file offline, "
                            + "without a workspace, given the ledger's public key (and, for an entries file, --checkpoint)."})
    static final class Verify implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Option(names = "--public-key", paramLabel = "KEY",
                description = "The ledger's verifier key (name+id+base64), or a file holding keys one a line (a team's "
                        + "key set, `arbiter audit key export`); repeatable: a note signed by any of them is accepted. "
                        + "With FILE: required. Without: checkpoints must be signed by these keys instead.")
        java.util.List<String> publicKey;
        @Option(names = "--checkpoint", paramLabel = "FILE",
                description = "A signed checkpoint file: with FILE, for an entries file; without, e.g. the one a "
                        + "witness cosigned (`arbiter witness show`): the ledger must be the one it covers.")
        Path checkpoint;
        @Option(names = "--witness-key", paramLabel = "KEY", description = "A witness's key (or a file of keys, one "
                + "a line); repeatable. Each witness must have cosigned a checkpoint of this ledger (or of FILE's).")
        java.util.List<String> witnessKeys;
        @picocli.CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
                description = "An evidence bundle (.zip), a receipt (.json) or an entries file to verify offline.")
        Path file;

        @Override
        public Integer call() throws java.io.IOException {
            if (file != null) {
                int offline = AuditEvidenceCommand.verifyOffline(spec, publicKey, checkpoint, file);
                var unwitnessed = AuditWitnessCommand.offlineCosigned(file, checkpoint, witnessKeys);
                unwitnessed.ifPresent(spec.commandLine().getErr()::println);
                if (offline == 0 && unwitnessed.isEmpty()) {
                    spec.commandLine().getOut().println(AuditWitnessCommand.witnessedBy(file, checkpoint, publicKey,
                            witnessKeys));
                }
                return unwitnessed.isPresent() ? 1 : offline;
            }
            try (Workspace ws = workspace.open()) {
                VerificationResult result = ws.verifier().verify();
                if (!result.intact()) {
                    spec.commandLine().getErr().println(result.describe());
                    return 1;
                }
                var holds = ws.legalHolds().tampering();
                if (holds.isPresent()) {
                    spec.commandLine().getErr().println(holds.get());
                    return 1;
                }
                var signed = publicKey == null ? ws.checkpointVerifier().verify()
                        : ws.checkpointVerifier().verify(AuditWitnessCommand.logKeys(publicKey));
                if (signed.intact()) {
                    signed = AuditWitnessCommand.verifyWitnessed(ws, publicKey, checkpoint, witnessKeys, signed);
                }
                PrintWriter out = signed.intact() ? spec.commandLine().getOut() : spec.commandLine().getErr();
                if (signed.intact()) {
                    out.println(result.describe());
                }
                out.println(signed.summary());
                return signed.intact() ? 0 : 1;
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write ledger entries to a JSONL, CSV, OCSF or CEF file.")
    static final class Export implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "File to write.")
        Path out;
        @Option(names = "--from", paramLabel = "TIME", converter = TimeArgument.From.class,
                description = "Only entries at or after TIME (a bare date: from the start of that day). "
                        + "TIME is " + TimeArgument.ACCEPTED + ".")
        Instant from;
        @Option(names = "--to", paramLabel = "TIME", converter = TimeArgument.To.class,
                description = "Only entries at or before TIME (a bare date: up to the end of that day).")
        Instant to;
        @Option(names = "--agent", paramLabel = "ID", description = "Only this agent's entries.")
        String agent;
        @Option(names = "--format", paramLabel = "jsonl|csv|ocsf|cef",
                description = "jsonl, csv, ocsf (OCSF 1.3.0 JSON, one event a line) or cef (ArcSight CEF lines). "
                        + "Default: by FILE's ending (.csv, .cef, .ocsf), else jsonl.")
        ExportFormat format;

        @Override
        public Integer call() {
            ExportFormat chosen = format == null ? ExportFormat.fromFileName(out.toString()) : format;
            try (Workspace ws = workspace.open()) {
                long n = ws.exporter().export(new AuditQuery(from, to, agent, null, null), chosen, out);
                spec.commandLine().getOut().println("Exported " + n + " entries to " + out.toAbsolutePath());
                return 0;
            }
        }
    }

    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = "Archive, then remove, entries older than the retention period.")
    static final class Prune implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Option(names = "--years", paramLabel = "N", description = "Retention in years, 1-7 (default: the setting, else 7).")
        Integer years;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                int keep = years != null ? years
                        : ws.settings().getInt(LedgerRetention.SETTING, LedgerRetention.DEFAULT_YEARS);
                var pruned = ws.retention().prune(keep, CliActor.of(ws));
                spec.commandLine().getOut().println(pruned
                        .map(p -> "Archived " + p.entries() + " entries (up to #" + p.upToSeq() + ") to " + p.archive()
                                + " and removed them from the ledger.")
                        .orElse("Nothing is older than " + keep + " years."));
                return 0;
            }
        }
    }

    @Command(name = "reset-anchor", mixinStandardHelpOptions = true,
            description = {"Record in the ledger that its head anchor (ledger.head) was missing, unreadable or "
                    + "did not match, and point it at the ledger again so that writing resumes.",
                    "Restoring ledger.head from a backup is better when you can: verify keeps reporting a reset."})
    static final class ResetAnchor implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Option(names = "--reason", required = true, paramLabel = "TEXT",
                description = "Why the anchor may be reset; recorded in the ledger.")
        String reason;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                var problem = ws.anchorReset().problem();
                if (problem.isEmpty()) {
                    spec.commandLine().getErr().println("arbiter: the ledger head anchor agrees with the ledger; "
                            + "there is nothing to reset.");
                    return 1;
                }
                LedgerEntry entry = ws.anchorReset().reset(reason, CliActor.of(ws));
                spec.commandLine().getOut().println("Recorded the anchor reset as entry #" + entry.seq()
                        + "; the ledger can be written again. `arbiter audit verify` will keep reporting it.");
                return 0;
            }
        }
    }
}
