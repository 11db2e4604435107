package dev.arbiter.core.witness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.evidence.AddCheckpoint;
import dev.arbiter.core.evidence.Checkpoints;
import dev.arbiter.core.evidence.CosignerKey;
import dev.arbiter.core.evidence.NoteKey;
import dev.arbiter.core.evidence.SignedNote;
import dev.arbiter.core.store.DataDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Witness cosigning between two real SQLite workspaces (issue 18): the log's and the CISO's. A consistent rewrite
 * of the log's database, head anchor and checkpoints, re-signed with the log's own key, passes every check on the
 * log's machine and is caught by what the witness cosigned; a forked, rewritten or rolled-back log is refused and
 * recorded as an alarm.
 */
class WitnessTest {

    @TempDir
    Path dir;
    Workspace log;
    Workspace ciso;
    CosignerKey witnessKey;
    NoteKey logKey;
    String origin;

    @BeforeEach
    void open() {
        log = Workspace.open(new DataDirectory(dir.resolve("log")));
        ciso = Workspace.open(new DataDirectory(dir.resolve("ciso")));
        witnessKey = ciso.witness().init("ciso.example.com/witness");
        append(log, 3);
        logKey = log.checkpoints().key().publicKey();
        origin = log.checkpoints().origin();
        assertThat(ciso.witness().follow(origin, logKey, "ciso")).isTrue();
        assertThat(ciso.witness().follow(origin, logKey, "ciso")).isFalse();
    }

    @AfterEach
    void close() {
        log.close();
        ciso.close();
    }

    @Test
    void aConsistentRewriteOnTheLogsMachineIsCaughtByTheWitness() throws Exception {
        long first = roundTrip(log);
        append(log, 4);
        long second = roundTrip(log);
        assertThat(second).isEqualTo(first + 4);
        assertThat(log.cosignatureVerifier().verifyCosigned(List.of(witnessKey)).summary())
                .contains("ciso.example.com/witness cosigned entries #1 to #" + second);
        assertThat(ciso.witness().logs()).singleElement().satisfies(l -> assertThat(l.size()).isEqualTo(second));
        assertThat(ciso.auditReader().seqRange(null, null)).isPresent();

        log.close();
        rewrite(dir.resolve("log"), 2);
        try (Connection c = db(dir.resolve("log")); Statement st = c.createStatement()) {
            st.execute("DROP TRIGGER signed_checkpoint_no_delete");
            st.execute("DROP TRIGGER checkpoint_cosignature_no_delete");
            st.execute("DELETE FROM signed_checkpoint");
            st.execute("DELETE FROM checkpoint_cosignature");
        }
        Files.delete(dir.resolve("log/ledger.checkpoint"));
        log = Workspace.open(new DataDirectory(dir.resolve("log")));
        assertThat(log.checkpoints().checkpoint()).isPresent();
        // On the log's machine alone the rewrite is consistent: chain, anchor and its own signatures agree.
        assertThat(log.verifier().verify().intact()).isTrue();
        assertThat(log.checkpointVerifier().verify().intact()).isTrue();

        assertThat(log.cosignatureVerifier().verifyCosigned(List.of(witnessKey)).problem()).get().asString()
                .contains("No stored checkpoint is cosigned by the witness ciso.example.com/witness");
        String seen = ciso.witness().latest(origin).orElseThrow();
        assertThat(log.cosignatureVerifier().verifyAgainst(seen, List.of(logKey), List.of(witnessKey)).problem())
                .get().asString().contains("Entries #1 to #" + second).contains("rewritten after the witness saw it");

        append(log, 1);
        log.checkpoints().checkpoint();
        AddCheckpoint request = log.cosignatures().request(second);
        CosignOutcome outcome = ciso.witness().cosign(request, request.format(), "ciso");
        assertThat(outcome).isInstanceOfSatisfying(CosignOutcome.Refused.class, r -> {
            assertThat(r.status()).isEqualTo(CosignOutcome.Status.INCONSISTENT);
            assertThat(r.alarm()).get().extracting(WitnessAlarm::kind).isEqualTo(WitnessAlarm.Kind.INCONSISTENT);
            assertThat(r.message()).contains("could not prove").contains("#" + second);
        });
        assertThat(ciso.witness().logs().get(0).size()).isEqualTo(second);
        assertThat(ciso.witness().alarms()).singleElement().satisfies(a -> {
            assertThat(a.offered()).isEqualTo(request.format());
            assertThat(a.cosigned()).contains(seen);
        });
    }

    @Test
    void cosignaturesLeftOnAReSignedCheckpointNoLongerVerify() throws Exception {
        long size = roundTrip(log);
        log.close();
        rewrite(dir.resolve("log"), 2);
        try (Connection c = db(dir.resolve("log")); Statement st = c.createStatement()) {
            st.execute("DROP TRIGGER signed_checkpoint_no_delete");
            st.execute("DELETE FROM signed_checkpoint");
        }
        Files.delete(dir.resolve("log/ledger.checkpoint"));
        log = Workspace.open(new DataDirectory(dir.resolve("log")));
        log.checkpoints().checkpoint();
        assertThat(log.cosignatureVerifier().verifyCosigned(List.of(witnessKey)).problem()).get().asString()
                .contains("checkpoint of " + size + " entries does not verify").contains("re-signed");
    }

    @Test
    void aForkedOrRolledBackLogIsRefusedAndRecorded() {
        // Another copy of the log: same origin, same key, different entries.
        Workspace fork = Workspace.open(new DataDirectory(dir.resolve("fork")));
        try {
            fork.settings().put(Checkpoints.ORIGIN, origin);
            fork.settings().put(Checkpoints.KEY_FILE, log.checkpoints().keyFile().toString());
            log.checkpoints().checkpoint();
            String oldNote = log.checkpoints().all().get(0);
            append(log, 2);
            long size = roundTrip(log);

            append(fork, (int) size);
            fork.checkpoints().checkpoint();
            assertRefused(fork.cosignatures().request(size), CosignOutcome.Status.CONFLICT, WitnessAlarm.Kind.FORKED,
                    "two different checkpoints of " + size + " entries");

            append(fork, 3);
            fork.checkpoints().checkpoint();
            assertRefused(fork.cosignatures().request(size), CosignOutcome.Status.INCONSISTENT,
                    WitnessAlarm.Kind.INCONSISTENT, "could not prove");

            AddCheckpoint old = new AddCheckpoint(0, List.of(), SignedNote.parse(oldNote));
            assertRefused(old, CosignOutcome.Status.CONFLICT, WitnessAlarm.Kind.ROLLED_BACK, "cosigned " + size);

            // A stale old size is no misbehaviour: refused with the size to use, no alarm.
            append(log, 1);
            log.checkpoints().checkpoint();
            CosignOutcome stale = ciso.witness().cosign(log.cosignatures().request(0), "", "ciso");
            assertThat(stale).isInstanceOfSatisfying(CosignOutcome.Refused.class, r -> {
                assertThat(r.status()).isEqualTo(CosignOutcome.Status.CONFLICT);
                assertThat(r.latestSize()).isEqualTo(size);
                assertThat(r.alarm()).isEmpty();
                assertThat(r.message()).contains("--old " + size);
            });
            assertThat(ciso.witness().alarms()).extracting(WitnessAlarm::kind).containsExactly(
                    WitnessAlarm.Kind.FORKED, WitnessAlarm.Kind.INCONSISTENT, WitnessAlarm.Kind.ROLLED_BACK);
            assertThat(ciso.witness().logs().get(0).size()).isEqualTo(size);
            // The witness's own ledger records each alarm.
            assertThat(ciso.auditReader().seqRange(null, null).orElseThrow()[1]).isGreaterThanOrEqualTo(5);
        } finally {
            fork.close();
        }
    }

    @Test
    void unknownLogsAndForeignSignaturesAreRefusedWithoutAlarm() {
        Workspace other = Workspace.open(new DataDirectory(dir.resolve("other")));
        try {
            append(other, 2);
            other.checkpoints().checkpoint();
            AddCheckpoint request = other.cosignatures().request(0);
            assertThat(((CosignOutcome.Refused) ciso.witness().cosign(request, "", "ciso")).status())
                    .isEqualTo(CosignOutcome.Status.UNKNOWN_LOG);
            ciso.witness().follow(other.checkpoints().origin(), logKey, "ciso");
            assertThat(((CosignOutcome.Refused) ciso.witness().cosign(request, "", "ciso")).status())
                    .isEqualTo(CosignOutcome.Status.FORBIDDEN);
            assertThat(ciso.witness().alarms()).isEmpty();
        } finally {
            other.close();
        }
    }

    private void assertRefused(AddCheckpoint request, CosignOutcome.Status status, WitnessAlarm.Kind kind,
                               String says) {
        CosignOutcome outcome = ciso.witness().cosign(request, request.format(), "ciso");
        assertThat(outcome).isInstanceOfSatisfying(CosignOutcome.Refused.class, r -> {
            assertThat(r.status()).isEqualTo(status);
            assertThat(r.alarm()).get().extracting(WitnessAlarm::kind).isEqualTo(kind);
            assertThat(r.message()).contains(says);
        });
    }

    /** The log exports a request, the witness cosigns it, the log imports it; the size cosigned. */
    private long roundTrip(Workspace l) {
        l.checkpoints().checkpoint();
        AddCheckpoint request = l.cosignatures().request(l.cosignatures().lastCosignedBy(witnessKey));
        CosignOutcome outcome = ciso.witness().cosign(AddCheckpoint.parse(request.format()), request.format(), "ciso");
        assertThat(outcome).isInstanceOf(CosignOutcome.Cosigned.class);
        var cosigned = (CosignOutcome.Cosigned) outcome;
        assertThat(l.cosignatures().importCosigned(cosigned.note().format(), witnessKey).added()).isEqualTo(1);
        assertThat(l.cosignatures().importCosigned(cosigned.note().format(), witnessKey).added()).isZero();
        return cosigned.size();
    }

    private static void append(Workspace ws, int n) {
        for (int i = 0; i < n; i++) {
            ws.ledger().append(AuditEntry.of("decision").traceId("t-" + i).action("read:crm/matter").build());
        }
    }

    private static Connection db(Path data) throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + data.resolve("arbiter.db"));
    }

    /** Rewrites entry {@code seq} and every later one with fresh hashes and points the head anchor at them. */
    static void rewrite(Path data, long seq) throws Exception {
        HexFormat hex = HexFormat.of();
        try (Connection c = db(data)) {
            c.createStatement().execute("DROP TRIGGER audit_entry_no_update");
            List<Long> seqs = new ArrayList<>();
            List<String> bodies = new ArrayList<>();
            List<String> hashes = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT seq, body, hash FROM audit_entry WHERE seq >= "
                    + seq + " ORDER BY seq")) {
                while (rs.next()) {
                    seqs.add(rs.getLong(1));
                    bodies.add(rs.getString(2));
                    hashes.add(rs.getString(3));
                }
            }
            String prevOld = null;
            String prevNew = null;
            try (PreparedStatement ps = c.prepareStatement("UPDATE audit_entry SET body = ?, hash = ? WHERE seq = ?")) {
                for (int i = 0; i < seqs.size(); i++) {
                    String body = i == 0 ? bodies.get(i).replaceFirst("read:crm/matter", "read:crm/nothing")
                            : bodies.get(i).replace(prevOld, prevNew);
                    String hash = hex.formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(body.getBytes(StandardCharsets.UTF_8)));
                    ps.setString(1, body);
                    ps.setString(2, hash);
                    ps.setLong(3, seqs.get(i));
                    ps.executeUpdate();
                    prevOld = hashes.get(i);
                    prevNew = hash;
                }
            }
            Files.writeString(data.resolve("ledger.head"), String.format("%020d %s\n", seqs.get(seqs.size() - 1),
                    prevNew));
        }
    }
}
