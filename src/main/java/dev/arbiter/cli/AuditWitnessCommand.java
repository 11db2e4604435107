package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.evidence.CosignerKey;
import dev.arbiter.core.evidence.NoteKey;
import dev.arbiter.core.evidence.SignedNote;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The log side of witnessing (issue 18): {@code audit checkpoint --export} writes the request a witness cosigns,
 * {@code audit witness-import} takes its answer back, and the key lists the verify commands accept.
 */
final class AuditWitnessCommand {

    private AuditWitnessCommand() {
    }

    /** Log verifier keys: each argument a key, or a file holding keys one a line (a team's published set). */
    static List<NoteKey> logKeys(List<String> keysOrFiles) {
        return parseAll(keysOrFiles, NoteKey::parse);
    }

    /** Witness keys: each argument a key, or a file holding keys one a line. */
    static List<CosignerKey> witnessKeys(List<String> keysOrFiles) {
        return parseAll(keysOrFiles, CosignerKey::parse);
    }

    private static <K> List<K> parseAll(List<String> keysOrFiles, Function<String, K> parse) {
        List<K> keys = new ArrayList<>();
        for (String k : keysOrFiles == null ? List.<String>of() : keysOrFiles) {
            List<String> lines = List.of(k);
            try {
                Path p = Path.of(k);
                if (Files.isRegularFile(p)) {
                    lines = Files.readAllLines(p, StandardCharsets.UTF_8).stream()
                            .map(String::strip).filter(s -> !s.isEmpty() && !s.startsWith("#")).toList();
                }
            } catch (IOException | InvalidPathException e) {
                // Not a readable file: read it as the key itself.
            }
            for (String line : lines) {
                keys.add(parse.apply(line));
            }
        }
        return keys;
    }

    /**
     * {@code audit verify --witness-key W --checkpoint C} on a workspace: after the signed checkpoints verified
     * ({@code signed}), each witness cosigned one, and the checkpoint file (e.g. from {@code witness show}) is
     * this ledger's as it is now. Returns {@code signed} with the witness findings added, or the first problem.
     */
    static dev.arbiter.core.evidence.CheckpointVerifier.Outcome verifyWitnessed(Workspace ws, List<String> publicKey,
            Path checkpoint, List<String> witnessKeys, dev.arbiter.core.evidence.CheckpointVerifier.Outcome signed)
            throws IOException {
        List<CosignerKey> witnesses = witnessKeys(witnessKeys);
        String summary = signed.summary();
        if (checkpoint != null) {
            List<NoteKey> logKeys = publicKey != null ? logKeys(publicKey) : ws.checkpoints().trustedKeys();
            var against = ws.cosignatureVerifier().verifyAgainst(
                    WitnessCommand.readBounded(checkpoint, 64 * 1024, "a signed checkpoint"), logKeys, witnesses);
            if (!against.intact()) {
                return against;
            }
            summary += " " + against.summary();
        }
        if (!witnesses.isEmpty()) {
            var cosigned = ws.cosignatureVerifier().verifyCosigned(witnesses);
            if (!cosigned.intact()) {
                return cosigned;
            }
            summary += " " + cosigned.summary();
        }
        return new dev.arbiter.core.evidence.CheckpointVerifier.Outcome(java.util.Optional.empty(), summary);
    }

    /** {@code audit verify --witness-key W FILE}: the checkpoint an offline file carries is cosigned by each witness. */
    static java.util.Optional<String> offlineCosigned(Path file, Path checkpoint, List<String> witnessKeys)
            throws IOException {
        List<CosignerKey> witnesses = witnessKeys(witnessKeys);
        if (witnesses.isEmpty()) {
            return java.util.Optional.empty();
        }
        String note = dev.arbiter.core.evidence.CosignatureVerifier.checkpointOf(file, checkpoint);
        for (CosignerKey w : witnesses) {
            if (w.cosignedAt(SignedNote.parse(note)).isEmpty()) {
                return java.util.Optional.of("The checkpoint " + file.getFileName() + " carries is not cosigned by the "
                        + "witness " + w.name() + ": the witness never saw it (have it cosign a checkpoint covering "
                        + "the range, then make the file again), or the checkpoint was re-signed.");
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Whether the checkpoint of an offline file (bundle, receipt or {@code --checkpoint}) was witnessed and by whom:
     * the witnesses given with {@code --witness-key} (already checked), else the names on its cosignature lines
     * (not checked without their keys), else that no witness cosigned it.
     */
    static String witnessedBy(Path file, Path checkpoint, List<String> publicKey, List<String> witnessKeys)
            throws IOException {
        List<CosignerKey> witnesses = witnessKeys(witnessKeys);
        if (!witnesses.isEmpty()) {
            return "The checkpoint was witnessed: cosigned by " + String.join(", ", witnesses.stream()
                    .map(CosignerKey::name).toList()) + " (cosignatures verified).";
        }
        SignedNote note = SignedNote.parse(dev.arbiter.core.evidence.CosignatureVerifier.checkpointOf(file, checkpoint));
        List<NoteKey> logs = logKeys(publicKey);
        List<String> others = note.signatures().stream()
                .filter(l -> logs.stream().noneMatch(k -> java.util.Arrays.equals(k.keyId(), l.keyId())))
                .map(SignedNote.Line::keyName).distinct().toList();
        return others.isEmpty() ? "The checkpoint was not witnessed: no witness cosigned it."
                : "The checkpoint carries cosignatures by " + String.join(", ", others) + " (not checked: give "
                        + "--witness-key KEY to check them).";
    }

    /** {@code audit checkpoint --export FILE}: the add-checkpoint request for the newest checkpoint. */
    static void export(Workspace ws, PrintWriter out, Path file, Long oldSize, String witnessKey) throws IOException {
        long old = oldSize != null ? oldSize
                : witnessKey == null ? 0 : ws.cosignatures().lastCosignedBy(witnessKeys(List.of(witnessKey)).get(0));
        var request = ws.cosignatures().request(old);
        Files.writeString(file, request.format(), StandardCharsets.UTF_8);
        out.println("Wrote the add-checkpoint request for " + request.checkpoint().text().lines().skip(1).findFirst()
                .orElse("?") + " entries (proving growth from " + old + ") to " + file.toAbsolutePath()
                + ". On the witness: `arbiter witness cosign --request " + file.getFileName() + " --out cosigned.txt`.");
    }

    /** {@code audit checkpoint --witness-url}: the witness at {@code url} cosigns the newest checkpoint over HTTP. */
    static int cosignOverHttp(Workspace ws, PrintWriter out, java.net.URI url, String witnessKey, Path tokenFile)
            throws IOException {
        if (witnessKey == null || tokenFile == null) {
            throw new IllegalArgumentException("--witness-url needs --witness-key KEY (to check the cosignature) and "
                    + "--witness-token-file FILE (from `arbiter witness token --origin " + ws.checkpoints().origin()
                    + "` on the witness)");
        }
        CosignerKey key = witnessKeys(List.of(witnessKey)).get(0);
        String token = WitnessCommand.readBounded(tokenFile, 1024, "a witness token").strip();
        var client = new dev.arbiter.gateway.WitnessClient(url, token);
        try {
            var imported = client.cosign(ws.cosignatures(), key);
            out.println("The witness " + key.name() + " at " + client.endpoint() + " cosigned the checkpoint of "
                    + imported.treeSize() + " entries; its cosignature is kept (receipts and bundles carry it).");
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for the witness at " + client.endpoint(), e);
        } catch (IOException e) {
            throw new IOException("The witness at " + client.endpoint() + " cannot be reached: " + e.getMessage()
                    + " (is its `arbiter serve` running, and does its gateway accept this host name?)", e);
        }
    }

    @Command(name = "witness-import", mixinStandardHelpOptions = true,
            description = {"Keep a witness's cosignature of one of this ledger's checkpoints (the file `arbiter "
                    + "witness cosign --out` wrote).",
                    "Receipts and bundles then carry it, and `arbiter audit verify --witness-key KEY` checks it."})
    static final class Import implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Option(names = "--witness-key", required = true, paramLabel = "KEY",
                description = "The witness's key (from `arbiter witness key` on its workspace), or a file holding it.")
        String witnessKey;
        @Parameters(index = "0", paramLabel = "FILE", description = "The cosigned checkpoint.")
        Path file;

        @Override
        public Integer call() throws IOException {
            String text = WitnessCommand.readBounded(file, 64 * 1024, "a cosigned checkpoint");
            CosignerKey key = witnessKeys(List.of(witnessKey)).get(0);
            try {
                SignedNote.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage());
            }
            try (Workspace ws = workspace.open()) {
                var imported = ws.cosignatures().importCosigned(text, key);
                spec.commandLine().getOut().println(imported.added() == 0
                        ? "The cosignature of " + key.name() + " on the checkpoint of " + imported.treeSize()
                                + " entries was imported already."
                        : "Kept the cosignature of " + key.name() + " on the checkpoint of " + imported.treeSize()
                                + " entries.");
                return 0;
            }
        }
    }
}
