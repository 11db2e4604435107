package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.evidence.EvidenceBundle;
import dev.arbiter.core.evidence.NoteKey;
import dev.arbiter.core.evidence.OfflineVerifier;
import dev.arbiter.core.evidence.Receipts;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code arbiter audit checkpoint|key|bundle} and offline {@code audit verify FILE} (issue 18). */
final class AuditEvidenceCommand {

    private AuditEvidenceCommand() {
    }

    static int verifyOffline(CommandSpec spec, java.util.List<String> publicKey, Path checkpoint, Path file)
            throws IOException {
        if (publicKey == null) {
            throw new IllegalArgumentException("--public-key is required to verify " + file + " offline (the "
                    + "ledger's verifier key, from `arbiter audit key show` on its workspace).");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No such file: " + file);
        }
        java.util.List<NoteKey> key = AuditWitnessCommand.logKeys(publicKey);
        OfflineVerifier.Outcome outcome;
        if (file.getFileName().toString().endsWith(".zip")) {
            outcome = OfflineVerifier.verifyBundle(file, key);
        } else if (file.getFileName().toString().endsWith(".json")) {
            outcome = OfflineVerifier.verifyReceipt(Files.readAllBytes(file), key);
        } else {
            if (checkpoint == null) {
                throw new IllegalArgumentException("--checkpoint FILE is required to verify the entries file " + file
                        + " (a bundle .zip carries its own).");
            }
            Path proof = file.toAbsolutePath().resolveSibling(EvidenceBundle.RANGE_PROOF);
            if (!Files.isRegularFile(proof)) {
                throw new IllegalArgumentException("The range proof " + proof + " is missing: unzip "
                        + EvidenceBundle.RANGE_PROOF + " from the bundle next to " + file.getFileName() + ".");
            }
            outcome = OfflineVerifier.verifyEntries(file, proof, Files.readString(checkpoint, StandardCharsets.UTF_8),
                    key);
        }
        PrintWriter out = outcome.intact() ? spec.commandLine().getOut() : spec.commandLine().getErr();
        out.println(outcome.summary());
        return outcome.intact() ? 0 : 1;
    }

    @Command(name = "checkpoint", mixinStandardHelpOptions = true,
            description = {"Sign a checkpoint of the ledger now (RFC 6962 Merkle root, C2SP tlog-checkpoint).",
                    "Checkpoints are also written every audit.checkpoint.every_entries entries (default 10000) or "
                            + "audit.checkpoint.every_minutes minutes (default 60) while Arbiter runs."})
    static final class Checkpoint implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Option(names = "--out", paramLabel = "FILE", description = "Also write the newest signed checkpoint here.")
        Path out;
        @Option(names = "--export", paramLabel = "FILE", description = "Also write an add-checkpoint request (C2SP "
                + "tlog-witness) for a witness: `arbiter witness cosign --request FILE` on its workspace.")
        Path export;
        @Option(names = "--old", paramLabel = "N", description = "With --export: the size the witness cosigned "
                + "last, as its refusal names it (default: the newest imported from --witness-key, else 0).")
        Long old;
        @Option(names = "--witness-key", paramLabel = "KEY", description = "With --export or --witness-url: the "
                + "witness it is for (from `arbiter witness key` on its workspace), or a file holding it.")
        String witnessKey;
        @Option(names = "--witness-url", paramLabel = "URL", description = "Have the witness at URL (its `arbiter "
                + "serve`, e.g. https://ciso.example.com:8765) cosign the newest checkpoint now over HTTP (C2SP "
                + "tlog-witness) and keep its cosignature; needs --witness-key and --witness-token-file.")
        java.net.URI witnessUrl;
        @Option(names = "--witness-token-file", paramLabel = "FILE", description = "With --witness-url: the file "
                + "holding this log's token, from `arbiter witness token --origin ORIGIN` on the witness.")
        Path witnessTokenFile;

        @Override
        public Integer call() throws IOException {
            try (Workspace ws = workspace.open()) {
                var written = ws.checkpoints().checkpoint();
                PrintWriter w = spec.commandLine().getOut();
                w.println(written.map(c -> "Signed a checkpoint of " + c.checkpoint().size() + " entries.")
                        .orElse("The newest signed checkpoint already covers every entry."));
                var all = ws.checkpoints().all();
                if (!all.isEmpty()) {
                    String newest = all.get(all.size() - 1);
                    w.print(newest);
                    if (out != null) {
                        Files.writeString(out, newest, StandardCharsets.UTF_8);
                        w.println("Written to " + out.toAbsolutePath());
                    }
                }
                if (export != null) {
                    AuditWitnessCommand.export(ws, w, export, old, witnessKey);
                }
                if (witnessUrl != null) {
                    return AuditWitnessCommand.cosignOverHttp(ws, w, witnessUrl, witnessKey, witnessTokenFile);
                }
                return 0;
            }
        }
    }

    @Command(name = "key", description = "Show or export the workspace's checkpoint signing key (the public half).",
            subcommands = {Key.Show.class, Key.Export.class})
    static final class Key {

        @Command(name = "show", mixinStandardHelpOptions = true,
                description = "Print the verifier key (name+id+base64) an auditor needs; creates the key pair if "
                        + "there is none yet.")
        static final class Show implements Callable<Integer> {
            @Mixin WorkspaceOptions workspace;
            @Spec CommandSpec spec;

            @Override
            public Integer call() {
                try (Workspace ws = workspace.open()) {
                    var own = ws.checkpoints().key().publicKey();
                    spec.commandLine().getOut().println(own.verifierKey());
                    spec.commandLine().getOut().println("Private key: " + ws.checkpoints().keyFile()
                            + " (owner-only; keep a copy offline).");
                    var others = ws.checkpoints().keySet().stream().filter(k -> !k.equals(own)).toList();
                    if (!others.isEmpty()) {
                        spec.commandLine().getOut().println("The team's other hosts sign with:");
                        others.forEach(k -> spec.commandLine().getOut().println(k.verifierKey()));
                    }
                    return 0;
                }
            }
        }

        @Command(name = "export", mixinStandardHelpOptions = true,
                description = "Write the workspace's verifier keys to a file for an auditor or a witness: this "
                        + "host's first, then every other host's of a team, one a line.")
        static final class Export implements Callable<Integer> {
            @Mixin WorkspaceOptions workspace;
            @Spec CommandSpec spec;

            @Option(names = "--out", required = true, paramLabel = "FILE", description = "File to write.")
            Path out;

            @Override
            public Integer call() throws IOException {
                try (Workspace ws = workspace.open()) {
                    var own = ws.checkpoints().key().publicKey();
                    StringBuilder keys = new StringBuilder(own.verifierKey()).append('\n');
                    ws.checkpoints().keySet().stream().filter(k -> !k.equals(own))
                            .forEach(k -> keys.append(k.verifierKey()).append('\n'));
                    Files.writeString(out, keys.toString(), StandardCharsets.UTF_8);
                    spec.commandLine().getOut().println("Wrote the verifier key" + (keys.toString().lines().count() > 1
                            ? "s of the team's " + keys.toString().lines().count() + " hosts" : "") + " to "
                            + out.toAbsolutePath());
                    return 0;
                }
            }
        }
    }

    @Command(name = "bundle", mixinStandardHelpOptions = true,
            description = {"Write an evidence bundle (zip): the entries of a time range with one RFC 6962 "
                    + "range proof, the signed checkpoint it leads to, the policy versions in force (policies/, each "
                    + "proven by the ledger entry recording its SHA-256), and a signed manifest of SHA-256 digests.",
                    "Verify it offline with `arbiter audit verify --public-key KEY FILE` or docs/verifier/verify.py."})
    static final class Bundle implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The zip to write.")
        Path out;
        @Option(names = "--from", paramLabel = "TIME", converter = TimeArgument.From.class,
                description = "First entry at or after TIME (default: the first entry). TIME is "
                        + TimeArgument.ACCEPTED + ".")
        Instant from;
        @Option(names = "--to", paramLabel = "TIME", converter = TimeArgument.To.class,
                description = "Last entry at or before TIME (default: the last entry).")
        Instant to;

        @Override
        public Integer call() throws IOException {
            try (Workspace ws = workspace.open()) {
                var range = ws.auditReader().seqRange(from, to);
                if (range.isEmpty()) {
                    spec.commandLine().getErr().println("arbiter: no entry lies in that time range; nothing written.");
                    return 1;
                }
                long[] r = range.get();
                var written = new EvidenceBundle(ws.auditReader(), ws.checkpoints()).write(r[0], r[1], out,
                        (done, total) -> { });
                spec.commandLine().getOut().println("Wrote entries #" + written.fromSeq() + " to #" + written.toSeq()
                        + " and the " + written.policyVersions() + " policy version" + (written.policyVersions() == 1
                        ? "" : "s") + " in force, with proofs against the signed checkpoint of "
                        + written.checkpointSize() + " entries, to " + written.file());
                return 0;
            }
        }
    }

    @Command(name = "receipt", mixinStandardHelpOptions = true,
            description = {"Write the receipt of one decision: every ledger entry of its trace with its RFC 6962 "
                    + "inclusion proof against a signed checkpoint, signed (the same as GET /v1/actions/ID/receipt).",
                    "Signs a checkpoint first when none covers the trace yet. Verify it offline with "
                            + "`arbiter audit verify --public-key KEY FILE.json` or docs/verifier/verify.py."})
    static final class ReceiptCommand implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Option(names = "--trace", required = true, paramLabel = "ID", description = "The decision's trace id.")
        String trace;
        @Option(names = "--out", paramLabel = "FILE", description = "Write the receipt here (default: print it).")
        Path out;

        @Override
        public Integer call() throws IOException {
            try (Workspace ws = workspace.open()) {
                var result = ws.receipts().receipt(trace);
                if (result instanceof Receipts.TooLarge tooLarge) {
                    spec.commandLine().getErr().println("arbiter: trace " + trace + " holds more than "
                            + tooLarge.max() + " entries, more than a receipt proves; write an evidence bundle of "
                            + "its time range instead (arbiter audit bundle --from --to --out FILE).");
                    return 1;
                }
                if (!(result instanceof Receipts.Issued issued)) {
                    // A one-shot command signs at most one checkpoint, so only Unknown can come back here.
                    spec.commandLine().getErr().println("arbiter: the ledger holds no entry of trace " + trace
                            + " (see `arbiter audit export` for trace ids).");
                    return 1;
                }
                byte[] json = issued.receipt().json();
                if (out == null) {
                    spec.commandLine().getOut().println(new String(json, StandardCharsets.UTF_8));
                } else {
                    Files.write(out, json);
                    spec.commandLine().getOut().println("Wrote the receipt of " + trace + " ("
                            + issued.receipt().entries().size() + " entries) to " + out.toAbsolutePath());
                }
                return 0;
            }
        }
    }

    @Command(name = "hold", description = "Place, list and release legal holds, which retention never prunes.",
            subcommands = {Hold.Add.class, Hold.ListHolds.class, Hold.Release.class})
    static final class Hold {

        @Command(name = "add", mixinStandardHelpOptions = true,
                description = "Hold an agent's entries or a range of the ledger (recorded in the ledger).")
        static final class Add implements Callable<Integer> {
            @Mixin WorkspaceOptions workspace;
            @Spec CommandSpec spec;

            @Option(names = "--agent", paramLabel = "ID", description = "Hold only this agent's entries.")
            String agent;
            @Option(names = "--from-seq", paramLabel = "N", defaultValue = "1",
                    description = "First held entry (default: 1).")
            long fromSeq;
            @Option(names = "--to-seq", paramLabel = "N",
                    description = "Last held entry (default: none; every entry from --from-seq on, also future ones).")
            Long toSeq;
            @Option(names = "--reason", required = true, paramLabel = "TEXT",
                    description = "The matter the hold is for; recorded in the ledger.")
            String reason;

            @Override
            public Integer call() {
                try (Workspace ws = workspace.open()) {
                    var hold = ws.legalHolds().place(agent, fromSeq, toSeq, reason, CliActor.of(ws));
                    spec.commandLine().getOut().println("Placed legal hold " + hold.describe());
                    return 0;
                }
            }
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "List legal holds, active and released.")
        static final class ListHolds implements Callable<Integer> {
            @Mixin WorkspaceOptions workspace;
            @Spec CommandSpec spec;

            @Override
            public Integer call() {
                try (Workspace ws = workspace.open()) {
                    var all = ws.legalHolds().all();
                    if (all.isEmpty()) {
                        spec.commandLine().getOut().println("No legal holds. Place one with `arbiter audit hold add "
                                + "--reason ...`.");
                    }
                    all.forEach(h -> spec.commandLine().getOut().println(h.describe()));
                    return 0;
                }
            }
        }

        @Command(name = "release", mixinStandardHelpOptions = true,
                description = "Release a legal hold (recorded in the ledger).")
        static final class Release implements Callable<Integer> {
            @Mixin WorkspaceOptions workspace;
            @Spec CommandSpec spec;

            @picocli.CommandLine.Parameters(index = "0", paramLabel = "ID", description = "The hold's number.")
            long id;
            @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why it may end.")
            String reason;

            @Override
            public Integer call() {
                try (Workspace ws = workspace.open()) {
                    ws.legalHolds().release(id, reason, CliActor.of(ws));
                    spec.commandLine().getOut().println("Released legal hold #" + id + ".");
                    return 0;
                }
            }
        }
    }
}
