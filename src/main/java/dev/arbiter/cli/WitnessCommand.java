package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.evidence.AddCheckpoint;
import dev.arbiter.core.witness.CosignOutcome;
import dev.arbiter.core.witness.WitnessAlarm;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code arbiter witness init|key|add-log|logs|cosign|show|alarms}: this workspace as the witness of another
 * Arbiter ledger (issue 18; C2SP tlog-witness over files the user carries).
 */
@Command(name = "witness",
        description = {"Witness another Arbiter ledger: cosign its checkpoints after checking it only grew, so a "
                + "rewrite on its machine is caught here.",
                "On the log's workspace: `arbiter audit checkpoint --export request.txt`; here: `arbiter witness "
                        + "cosign --request request.txt --out cosigned.txt`; back there: `arbiter audit "
                        + "witness-import --witness-key KEY cosigned.txt`."},
        subcommands = {WitnessCommand.Init.class, WitnessCommand.Key.class, WitnessCommand.AddLog.class,
                WitnessCommand.Logs.class, WitnessCommand.Cosign.class, WitnessCommand.Show.class,
                WitnessCommand.Alarms.class, WitnessCommand.Token.class})
final class WitnessCommand {

    /** Reads a file a user carried, refusing one too large to be what it claims. */
    static String readBounded(Path file, int maxBytes, String what) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No such file: " + file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new IllegalArgumentException(file + " is larger than " + maxBytes / 1024 + " KiB: not " + what);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Create this workspace's witness key (once) and print its public half for the logs' owners.")
    static final class Init implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Option(names = "--name", paramLabel = "NAME",
                description = "The witness's name, e.g. ciso.example.com/witness (default: arbiter-witness/<uuid>). "
                        + "An existing key keeps its name.")
        String name;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                var key = ws.witness().init(name);
                PrintWriter out = spec.commandLine().getOut();
                out.println(key.verifierKey());
                out.println("Witness key: " + ws.witness().keyFile() + " (owner-only; keep a copy offline). Give the "
                        + "line above to the logs' owners for `arbiter audit witness-import --witness-key`.");
                return 0;
            }
        }
    }

    @Command(name = "key", mixinStandardHelpOptions = true, description = "Print the witness's public key.")
    static final class Key implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                var key = ws.witness().key().orElseThrow(() -> new IllegalArgumentException("This workspace has no "
                        + "witness key yet: run `arbiter witness init --name NAME`."));
                spec.commandLine().getOut().println(key.verifierKey());
                return 0;
            }
        }
    }

    @Command(name = "add-log", mixinStandardHelpOptions = true,
            description = {"Follow a log: cosign its checkpoints when signed by KEY (repeat for each host of a team).",
                    "Get ORIGIN (the first line of a checkpoint) and KEY from `arbiter audit key show` on its workspace."})
    static final class AddLog implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Option(names = "--origin", required = true, paramLabel = "ORIGIN", description = "The log's origin line.")
        String origin;
        @Option(names = "--public-key", required = true, paramLabel = "KEY",
                description = "The log's verifier key (name+id+base64), or a file holding one key a line.")
        List<String> keys;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                for (var key : AuditWitnessCommand.logKeys(keys)) {
                    boolean added = ws.witness().follow(origin, key, CliActor.of(ws));
                    spec.commandLine().getOut().println((added ? "Following " : "Already following ") + origin
                            + " with key " + key.verifierKey());
                }
                return 0;
            }
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = {"Issue the bearer token with which a followed log posts its checkpoints to this witness "
                    + "over HTTP (POST /v1/witness/add-checkpoint on `arbiter serve`); its previous token stops "
                    + "working. Shown once: only its SHA-256 is kept.",
                    "On the log's workspace: `arbiter audit checkpoint --witness-url URL --witness-key KEY "
                            + "--witness-token-file FILE`."})
    static final class Token implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Option(names = "--origin", required = true, paramLabel = "ORIGIN", description = "The log's origin line.")
        String origin;
        @Option(names = "--out", paramLabel = "FILE",
                description = "Write the token to this file (owner-only) instead of printing it.")
        Path out;

        @Override
        public Integer call() throws IOException {
            try (Workspace ws = workspace.open()) {
                String token = ws.witness().issueHttpToken(origin, CliActor.of(ws));
                PrintWriter w = spec.commandLine().getOut();
                if (out == null) {
                    w.println(token);
                } else {
                    dev.arbiter.core.store.OwnerOnly.createFile(out);
                    Files.writeString(out, token + "\n", StandardCharsets.UTF_8);
                    w.println("Wrote the witness token for " + origin + " to " + out.toAbsolutePath()
                            + "; give it to the log's operator by a private channel.");
                }
                return 0;
            }
        }
    }

    @Command(name = "logs", mixinStandardHelpOptions = true, description = "List the logs followed.")
    static final class Logs implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                var logs = ws.witness().logs();
                PrintWriter out = spec.commandLine().getOut();
                if (logs.isEmpty()) {
                    out.println("No log followed yet. Add one with `arbiter witness add-log --origin ORIGIN "
                            + "--public-key KEY`.");
                }
                for (var log : logs) {
                    out.println(log.origin() + "  " + (log.size() == 0 ? "not cosigned yet"
                            : "cosigned up to " + log.size() + " entries") + "  (since " + log.updatedAt() + ", "
                            + log.keys().size() + " key" + (log.keys().size() == 1 ? ")" : "s)"));
                }
                return 0;
            }
        }
    }

    @Command(name = "cosign", mixinStandardHelpOptions = true,
            description = {"Cosign a log's checkpoint from an add-checkpoint request file (C2SP tlog-witness), after "
                    + "checking its signature and that the log only grew since the checkpoint cosigned last.",
                    "Exit 0: cosigned. Exit 1: refused; a rewritten, forked or rolled-back log is also recorded as an "
                            + "alarm (`arbiter witness alarms`)."})
    static final class Cosign implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Option(names = "--request", required = true, paramLabel = "FILE",
                description = "The request, from `arbiter audit checkpoint --export FILE` on the log's workspace.")
        Path request;
        @Option(names = "--out", paramLabel = "FILE",
                description = "Write the cosigned checkpoint here, to carry back (default: print it).")
        Path out;

        @Override
        public Integer call() throws IOException {
            String raw = readBounded(request, AddCheckpoint.MAX_BYTES, "an add-checkpoint request");
            AddCheckpoint parsed;
            try {
                parsed = AddCheckpoint.parse(raw);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(request + ": " + e.getMessage());
            }
            try (Workspace ws = workspace.open()) {
                CosignOutcome outcome = ws.witness().cosign(parsed, raw, CliActor.of(ws));
                if (outcome instanceof CosignOutcome.Refused refused) {
                    PrintWriter err = spec.commandLine().getErr();
                    err.println((refused.alarm().isPresent() ? "ALARM: " : "arbiter: refused: ") + refused.message());
                    refused.alarm().ifPresent(a -> err.println("Recorded as witness alarm #" + a.id()
                            + " (`arbiter witness alarms`)."));
                    return 1;
                }
                var cosigned = (CosignOutcome.Cosigned) outcome;
                String note = cosigned.note().format();
                if (out == null) {
                    spec.commandLine().getOut().print(note);
                } else {
                    Files.writeString(out, note, StandardCharsets.UTF_8);
                    spec.commandLine().getOut().println("Cosigned the checkpoint of " + cosigned.size() + " entries; "
                            + "carry " + out.toAbsolutePath() + " back to the log's workspace for `arbiter audit "
                            + "witness-import`.");
                }
                return 0;
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Print the newest checkpoint this witness cosigned for a log.",
                    "On the log's workspace, `arbiter audit verify --checkpoint FILE --witness-key KEY` checks the "
                            + "ledger against it."})
    static final class Show implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Option(names = "--origin", required = true, paramLabel = "ORIGIN", description = "The log's origin line.")
        String origin;
        @Option(names = "--out", paramLabel = "FILE", description = "Write it here (default: print it).")
        Path out;

        @Override
        public Integer call() throws IOException {
            try (Workspace ws = workspace.open()) {
                var note = ws.witness().latest(origin).orElseThrow(() -> new IllegalArgumentException("This witness "
                        + "has not cosigned a checkpoint of " + origin + " (see `arbiter witness logs`)."));
                if (out == null) {
                    spec.commandLine().getOut().print(note);
                } else {
                    Files.writeString(out, note, StandardCharsets.UTF_8);
                    spec.commandLine().getOut().println("Wrote the cosigned checkpoint to " + out.toAbsolutePath());
                }
                return 0;
            }
        }
    }

    @Command(name = "alarms", mixinStandardHelpOptions = true,
            description = "List what this witness refused as a sign of a rewritten, forked or rolled-back log.")
    static final class Alarms implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                List<WitnessAlarm> alarms = ws.witness().alarms();
                PrintWriter out = spec.commandLine().getOut();
                if (alarms.isEmpty()) {
                    out.println("No alarms: every checkpoint offered so far was consistent with the ones cosigned.");
                }
                for (WitnessAlarm a : alarms) {
                    out.println("#" + a.id() + "  " + a.detectedAt() + "  " + a.kind().name().toLowerCase(
                            java.util.Locale.ROOT) + "  " + a.origin());
                    out.println("    " + a.message());
                }
                return 0;
            }
        }
    }
}
