package dev.arbiter.core.witness;

import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditLedger;
import dev.arbiter.core.audit.AuditTime;
import dev.arbiter.core.evidence.AddCheckpoint;
import dev.arbiter.core.evidence.CosignerKey;
import dev.arbiter.core.evidence.MerkleTree;
import dev.arbiter.core.evidence.NoteKey;
import dev.arbiter.core.evidence.SignedCheckpoint;
import dev.arbiter.core.evidence.SignedNote;
import dev.arbiter.core.evidence.SigningKey;
import dev.arbiter.core.store.Database;
import dev.arbiter.core.store.Settings;
import dev.arbiter.core.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * This workspace as a witness of other Arbiter ledgers (issue 18, "another Arbiter workspace, e.g. the CISO's
 * desktop, can cosign checkpoints it has seen, so a rewrite on one machine is caught by the other"), following
 * C2SP tlog-witness (https://c2sp.org/tlog-witness) and tlog-cosignature v1.
 *
 * <p>Per log it follows (by origin, with the log keys it trusts) it keeps only the newest checkpoint it cosigned.
 * It cosigns a new checkpoint only if the log proves, with an RFC 6962 consistency proof, that it grew from that
 * one; a checkpoint of the same size with another root, a smaller one, or one that does not prove consistency is
 * refused and recorded as a {@link WitnessAlarm}, and every cosignature and alarm is an audit entry
 * ({@value #COSIGNED}, {@value #ALARM}). The check and the update are one compare-and-set step, so two requests
 * racing from the same old checkpoint cannot roll the witness back.
 *
 * <p>The witness key is its own Ed25519 key (never the workspace's checkpoint key: tlog-cosignature requires a
 * distinct key per cosigner), in the owner-only file {@code witness-signing.key} of the data directory or the
 * path of setting {@value #KEY_FILE}.
 */
public final class Witness {

    public static final String KEY_FILE = "witness.signing.key_file";
    public static final String FOLLOWED = "witness.log_followed";
    public static final String COSIGNED = "witness.cosigned";
    public static final String ALARM = "witness.alarm";
    /** The audit event of a new HTTP token for a log ({@link #issueHttpToken}); the token itself is never recorded. */
    public static final String TOKEN_ISSUED = "witness.http_token_issued";
    /** Setting prefix: {@code <prefix><SHA-256 of a token>} holds the origin the token lets post checkpoints. */
    private static final String TOKEN_PREFIX = "witness.http_token.";
    /** Setting prefix: {@code <prefix><SHA-256 of an origin>} holds the SHA-256 of that log's current token. */
    private static final String TOKEN_OF_PREFIX = "witness.http_token_of.";
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final Database database;
    private final AuditLedger ledger;
    private final Settings settings;
    private final Path defaultKeyFile;
    private final Clock clock;

    /** @param defaultKeyFile where the witness key lives unless setting {@value #KEY_FILE} names another file */
    public Witness(Database database, AuditLedger ledger, Settings settings, Path defaultKeyFile, Clock clock) {
        this.database = database;
        this.ledger = ledger;
        this.settings = settings;
        this.defaultKeyFile = defaultKeyFile;
        this.clock = clock;
    }

    /** The file the witness's private key is read from. */
    public Path keyFile() {
        return settings.get(KEY_FILE).filter(s -> !s.isBlank()).map(Path::of).orElse(defaultKeyFile);
    }

    /**
     * The witness key, created named {@code name} (default {@code arbiter-witness/<uuid>}) when there is none.
     * An existing key keeps its name.
     *
     * @throws IllegalArgumentException when {@code name} is not a valid key name
     * @throws StoreException when the key file cannot be read or written
     */
    public CosignerKey init(String name) {
        String chosen = name == null || name.isBlank() ? "arbiter-witness/" + UUID.randomUUID() : name.strip();
        if (!NoteKey.validName(chosen)) {
            throw new IllegalArgumentException("--name must be non-empty and hold no spaces or '+' (got \"" + chosen
                    + "\"); a URL-like name such as ciso.example.com/witness is customary");
        }
        try {
            return CosignerKey.of(SigningKey.loadOrCreate(keyFile(), chosen));
        } catch (IOException e) {
            throw keyProblem(e);
        }
    }

    /** The witness key, if {@link #init} made one. */
    public Optional<CosignerKey> key() {
        return signingKey().map(CosignerKey::of);
    }

    private Optional<SigningKey> signingKey() {
        try {
            return Optional.of(SigningKey.load(keyFile()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw keyProblem(e);
        }
    }

    private StoreException keyProblem(IOException e) {
        return new StoreException("The witness key " + keyFile() + " cannot be read or created: " + e.getMessage()
                + ". Check the file and its folder, or set " + KEY_FILE + " to another path.", e);
    }

    /**
     * Follows the log {@code origin}, trusting checkpoints signed by {@code logKey} (call again to add a team
     * host's key). Recorded in the ledger.
     *
     * @return false when the log was followed with that key already
     * @throws IllegalArgumentException when the origin is not a valid log name
     */
    public boolean follow(String origin, NoteKey logKey, String actor) {
        if (!NoteKey.validName(origin)) {
            throw new IllegalArgumentException("--origin must be the log's origin line, with no spaces (it is the "
                    + "first line of its checkpoints, `arbiter audit checkpoint` on the log's workspace)");
        }
        String now = AuditTime.format(clock.instant());
        return database.write(tx -> {
            WitnessStore.follow(tx.connection(), origin, now);
            boolean added = WitnessStore.addKey(tx.connection(), origin, logKey.verifierKey(), now);
            if (added) {
                ledger.appendWithin(tx, AuditEntry.of(FOLLOWED).actor(actor)
                        .detail(AuditDetail.of("origin", origin, "log_key", logKey.verifierKey())).build());
            }
            return added;
        });
    }

    /**
     * A new bearer token with which the log {@code origin} may post add-checkpoint requests to this witness over
     * HTTP ({@code POST /v1/witness/add-checkpoint}); the log's previous token stops working. Only the token's
     * SHA-256 is kept, so it is shown once. Recorded in the ledger (without the token).
     *
     * <p>Why a token on top of the log's signature (which C2SP tlog-witness relies on): a signed checkpoint is
     * public, and an old one sent again by anyone would be answered with a rollback alarm. With the token only
     * the log itself reaches the witness's checks, so every alarm comes from the log.
     *
     * @return the token, 43 base64url characters after {@code arbw_}
     * @throws IllegalArgumentException when this witness does not follow {@code origin}
     */
    public String issueHttpToken(String origin, String actor) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = "arbw_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        database.write(tx -> {
            if (WitnessStore.log(tx.connection(), origin).isEmpty()) {
                throw new IllegalArgumentException("This witness does not follow the log " + origin + ": add it "
                        + "first with `arbiter witness add-log --origin " + origin + " --public-key KEY`.");
            }
            String ofKey = TOKEN_OF_PREFIX + sha256(origin);
            Optional<String> previous = Settings.get(tx.connection(), ofKey);
            if (previous.isPresent() && !previous.get().isEmpty()) {
                Settings.put(tx, TOKEN_PREFIX + previous.get(), "");
            }
            Settings.put(tx, TOKEN_PREFIX + sha256(token), origin);
            Settings.put(tx, ofKey, sha256(token));
            ledger.appendWithin(tx, AuditEntry.of(TOKEN_ISSUED).actor(actor).detail(AuditDetail.of("origin", origin,
                    "replaced_previous", previous.isPresent() && !previous.get().isEmpty())).build());
            return null;
        });
        return token;
    }

    /** The log whose current HTTP token {@code token} is, if it is one ({@link #issueHttpToken}). */
    public Optional<String> httpTokenOrigin(String token) {
        if (token == null || !token.startsWith("arbw_") || token.length() > 100) {
            return Optional.empty();
        }
        return settings.get(TOKEN_PREFIX + sha256(token)).filter(o -> !o.isEmpty());
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(
                    text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The logs followed, by origin. */
    public List<WitnessedLog> logs() {
        return database.read(c -> {
            List<WitnessedLog> out = new ArrayList<>();
            for (WitnessStore.Row r : WitnessStore.logs(c)) {
                out.add(new WitnessedLog(r.origin(), r.size(), Optional.ofNullable(r.checkpoint()),
                        WitnessStore.keys(c, r.origin()), r.updatedAt()));
            }
            return out;
        });
    }

    /** The alarms recorded, oldest first. */
    public List<WitnessAlarm> alarms() {
        return database.read(WitnessStore::alarms);
    }

    /**
     * Answers an add-checkpoint request (tlog-witness): cosigns the checkpoint when it is signed by a trusted
     * key of a followed log and provably grew from the checkpoint cosigned last; otherwise refuses, recording an
     * alarm when the refusal shows the log misbehaving.
     *
     * @param raw the request as received, kept as evidence in an alarm
     * @throws IllegalStateException when this workspace has no witness key ({@code arbiter witness init})
     */
    public CosignOutcome cosign(AddCheckpoint request, String raw, String actor) {
        SigningKey witness = signingKey().orElseThrow(() -> new IllegalStateException("This workspace has no witness "
                + "key yet: run `arbiter witness init --name NAME` first."));
        SignedCheckpoint cp;
        try {
            cp = SignedCheckpoint.parse(request.checkpoint().text());
        } catch (IllegalArgumentException e) {
            return refused(CosignOutcome.Status.BAD_REQUEST, "The checkpoint cannot be read: " + e.getMessage(), 0);
        }
        return database.write(tx -> {
            var c = tx.connection();
            Optional<WitnessStore.Row> followed = WitnessStore.log(c, cp.origin());
            if (followed.isEmpty()) {
                return refused(CosignOutcome.Status.UNKNOWN_LOG, "This witness does not follow the log " + cp.origin()
                        + ": add it with `arbiter witness add-log --origin " + cp.origin() + " --public-key KEY`.", 0);
            }
            WitnessStore.Row row = followed.get();
            List<NoteKey> trusted = new ArrayList<>();
            for (String k : WitnessStore.keys(c, cp.origin())) {
                trusted.add(NoteKey.parse(k));
            }
            List<SignedNote.Line> logLines = request.checkpoint().signatures().stream()
                    .filter(l -> trusted.stream().anyMatch(k -> new SignedNote(request.checkpoint().text(), List.of(l))
                            .signedBy(k)))
                    .toList();
            if (logLines.isEmpty()) {
                return refused(CosignOutcome.Status.FORBIDDEN, "The checkpoint of " + cp.origin() + " carries no valid "
                        + "signature by a key this witness trusts for it: it was forged or altered, or the log uses a "
                        + "key not added yet (`arbiter witness add-log --origin " + cp.origin() + " --public-key KEY`).",
                        row.size());
            }
            String now = AuditTime.format(clock.instant());
            byte[] storedRoot = row.root() == null ? null : Base64.getDecoder().decode(row.root());
            if (cp.size() < row.size()) {
                return alarm(tx, row, WitnessAlarm.Kind.ROLLED_BACK, CosignOutcome.Status.CONFLICT, "The log " + cp.origin()
                        + " offered a signed checkpoint of " + cp.size() + " entries, but this witness cosigned "
                        + row.size() + ": the log was cut back or restored from an old copy (or an old checkpoint was "
                        + "sent again). Compare its ledger with the checkpoint `arbiter witness show --origin "
                        + cp.origin() + "` prints.", raw, now, actor);
            }
            if (cp.size() == row.size() && storedRoot != null && !Arrays.equals(storedRoot, cp.root())) {
                return alarm(tx, row, WitnessAlarm.Kind.FORKED, CosignOutcome.Status.CONFLICT, "The log " + cp.origin()
                        + " signed two different checkpoints of " + cp.size() + " entries: its history was rewritten "
                        + "or forked. Keep both (this alarm holds them) and compare the log's ledger with the one "
                        + "this witness cosigned.", raw, now, actor);
            }
            if (request.oldSize() > cp.size()) {
                return refused(CosignOutcome.Status.BAD_REQUEST, "The request's old size " + request.oldSize()
                        + " is larger than its checkpoint's " + cp.size() + ".", row.size());
            }
            if (request.oldSize() != row.size()) {
                return refused(CosignOutcome.Status.CONFLICT, "This witness last cosigned " + row.size() + " entries of "
                        + cp.origin() + ", not " + request.oldSize() + ": export the request again with `arbiter audit "
                        + "checkpoint --export FILE --old " + row.size() + "`.", row.size());
            }
            if (row.size() == 0 ? !request.proof().isEmpty()
                    : cp.size() == row.size() ? !request.proof().isEmpty()
                    : !MerkleTree.verifyConsistency(row.size(), storedRoot, cp.size(), cp.root(), request.proof())) {
                if (row.size() == 0 || cp.size() == row.size()) {
                    return refused(CosignOutcome.Status.BAD_REQUEST, "A request from size " + row.size() + " to "
                            + cp.size() + " carries no consistency proof; this one has " + request.proof().size()
                            + " lines.", row.size());
                }
                return alarm(tx, row, WitnessAlarm.Kind.INCONSISTENT, CosignOutcome.Status.INCONSISTENT, "The log "
                        + cp.origin() + " could not prove that its checkpoint of " + cp.size() + " entries grew from "
                        + "the one of " + row.size() + " entries this witness cosigned: entries up to #" + row.size()
                        + " were rewritten, or the log forked. Compare the log's ledger with the checkpoint `arbiter "
                        + "witness show --origin " + cp.origin() + "` prints.", raw, now, actor);
            }
            SignedNote cosigned = CosignerKey.cosign(new SignedNote(request.checkpoint().text(), logLines), witness,
                    clock.instant());
            if (!WitnessStore.advance(c, cp.origin(), row.size(), cp.size(),
                    Base64.getEncoder().encodeToString(cp.root()), cosigned.format(), now)) {
                long moved = WitnessStore.log(c, cp.origin()).map(WitnessStore.Row::size).orElse(row.size());
                return refused(CosignOutcome.Status.CONFLICT, "Another request moved this witness to " + moved
                        + " entries of " + cp.origin() + " meanwhile: export the request again with --old " + moved
                        + ".", moved);
            }
            ledger.appendWithin(tx, AuditEntry.of(COSIGNED).actor(actor).detail(AuditDetail.of("origin", cp.origin(),
                    "tree_size", cp.size(), "root", Base64.getEncoder().encodeToString(cp.root()),
                    "previous_size", row.size())).build());
            return new CosignOutcome.Cosigned(cosigned, cp.size());
        });
    }

    /** The newest checkpoint this witness cosigned for {@code origin}, with its cosignature. */
    public Optional<String> latest(String origin) {
        return database.read(c -> WitnessStore.log(c, origin).map(WitnessStore.Row::checkpoint));
    }

    private CosignOutcome.Refused alarm(dev.arbiter.core.store.Tx tx, WitnessStore.Row row, WitnessAlarm.Kind kind,
                                        CosignOutcome.Status status, String message, String raw, String now,
                                        String actor) throws java.sql.SQLException {
        long id = WitnessStore.insertAlarm(tx.connection(), row.origin(), now, kind, message, row.checkpoint(), raw);
        ledger.appendWithin(tx, AuditEntry.of(ALARM).actor(actor).detail(AuditDetail.of("alarm", id, "origin",
                row.origin(), "kind", kind.name().toLowerCase(java.util.Locale.ROOT), "cosigned_size", row.size(),
                "message", message)).build());
        return new CosignOutcome.Refused(status, message, row.size(), Optional.of(new WitnessAlarm(id, row.origin(), now,
                kind, message, Optional.ofNullable(row.checkpoint()), raw)));
    }

    private static CosignOutcome.Refused refused(CosignOutcome.Status status, String message, long latest) {
        return new CosignOutcome.Refused(status, message, latest, Optional.empty());
    }
}
