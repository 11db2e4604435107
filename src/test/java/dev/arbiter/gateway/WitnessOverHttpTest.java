package dev.arbiter.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.evidence.AddCheckpoint;
import dev.arbiter.core.evidence.CosignerKey;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.evidence.SignedNote;
import dev.arbiter.core.evidence.SigningKey;
import dev.arbiter.core.witness.Witness;
import dev.arbiter.core.store.DataDirectory;
import dev.arbiter.core.witness.CosignOutcome;
import dev.arbiter.core.witness.WitnessAlarm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The witness over HTTP (issue 18, C2SP tlog-witness): the CISO's workspace runs its gateway on port 0, the log's
 * workspace posts its checkpoints to {@code POST /v1/witness/add-checkpoint} and keeps the cosignature. A log that
 * was cosigned by file meanwhile is told the witness's size (409, {@code text/x.tlog.size}) and proves from there;
 * a rolled-back checkpoint is refused 409 with the witness's latest size and recorded as an alarm; a bad proof is
 * 422; no token, a replaced token, another log's token, a forged signature and a body over 64 KiB are refused
 * and leave no cosignature, alarm or witness entry.
 */
class WitnessOverHttpTest {

    @TempDir
    Path dir;
    Workspace log;
    Workspace ciso;
    CosignerKey witnessKey;
    String origin;
    String token;
    GatewayServer server;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void open() {
        log = Workspace.open(new DataDirectory(dir.resolve("log")));
        ciso = Workspace.open(new DataDirectory(dir.resolve("ciso")));
        witnessKey = ciso.witness().init("ciso.example.com/witness");
        append(log, 3);
        origin = log.checkpoints().origin();
        ciso.witness().follow(origin, log.checkpoints().key().publicKey(), "ciso");
        token = ciso.witness().issueHttpToken(origin, "ciso");
        server = new GatewayServer(ciso, new GatewayConfig("127.0.0.1", 0));
        server.start();
    }

    @AfterEach
    void close() {
        server.stop();
        log.close();
        ciso.close();
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    @Test
    void theLogsCheckpointsAreCosignedOverHttpAndKeptAsTheLogGrows() throws Exception {
        WitnessClient client = new WitnessClient(base(), token);
        assertThat(client.endpoint().getPath()).isEqualTo("/v1/witness/add-checkpoint");
        log.checkpoints().checkpoint();
        var first = client.cosign(log.cosignatures(), witnessKey);
        assertThat(first.treeSize()).isEqualTo(3);
        assertThat(first.added()).isEqualTo(1);
        append(log, 4);
        log.checkpoints().checkpoint();
        var second = client.cosign(log.cosignatures(), witnessKey);
        assertThat(second.treeSize()).isEqualTo(7);
        assertThat(log.cosignatures().lastCosignedBy(witnessKey)).isEqualTo(7);
        assertThat(log.cosignatureVerifier().verifyCosigned(List.of(witnessKey)).intact()).isTrue();
        assertThat(ciso.witness().logs()).singleElement().satisfies(l -> assertThat(l.size()).isEqualTo(7));
        assertThat(ciso.witness().alarms()).isEmpty();
    }

    @Test
    void aLogBehindTheWitnessIsToldItsSizeAndProvesFromThere() throws Exception {
        log.checkpoints().checkpoint();
        // Cosigned by file (the other transport): the log never imported it, so it believes the witness is at 0.
        AddCheckpoint byFile = log.cosignatures().request(0);
        assertThat(ciso.witness().cosign(byFile, byFile.format(), "ciso")).isInstanceOf(CosignOutcome.Cosigned.class);
        append(log, 2);
        log.checkpoints().checkpoint();

        HttpResponse<String> stale = post(log.cosignatures().request(0).format(), token);
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/x.tlog.size"));
        assertThat(stale.body()).isEqualTo("3\n");

        var kept = new WitnessClient(base(), token).cosign(log.cosignatures(), witnessKey);
        assertThat(kept.treeSize()).isEqualTo(5);
        assertThat(ciso.witness().alarms()).isEmpty();
    }

    @Test
    void aRolledBackCheckpointIsRefusedWithTheWitnessesSizeAndRecordedAsAnAlarm() throws Exception {
        log.checkpoints().checkpoint();
        String old = log.checkpoints().all().stream().filter(n -> n.lines().skip(1).findFirst().orElse("")
                .equals("3")).findFirst().orElseThrow();
        WitnessClient client = new WitnessClient(base(), token);
        client.cosign(log.cosignatures(), witnessKey);
        append(log, 5);
        log.checkpoints().checkpoint();
        client.cosign(log.cosignatures(), witnessKey);

        HttpResponse<String> back = post(new AddCheckpoint(0, List.of(), SignedNote.parse(old)).format(), token);
        assertThat(back.statusCode()).isEqualTo(409);
        assertThat(back.body()).isEqualTo("8\n");
        assertThat(ciso.witness().alarms()).singleElement().extracting(WitnessAlarm::kind)
                .isEqualTo(WitnessAlarm.Kind.ROLLED_BACK);
        assertThat(ciso.witness().logs().get(0).size()).isEqualTo(8);
    }

    @Test
    void aProofThatDoesNotVerifyIs422AndAnAlarm() throws Exception {
        log.checkpoints().checkpoint();
        WitnessClient client = new WitnessClient(base(), token);
        client.cosign(log.cosignatures(), witnessKey);
        append(log, 5);
        log.checkpoints().checkpoint();
        AddCheckpoint honest = log.cosignatures().request(3);
        List<byte[]> bent = new java.util.ArrayList<>(honest.proof());
        bent.set(0, new byte[32]);
        HttpResponse<String> refused = post(new AddCheckpoint(3, bent, honest.checkpoint()).format(), token);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("could not prove");
        assertThat(ciso.witness().alarms()).singleElement().extracting(WitnessAlarm::kind)
                .isEqualTo(WitnessAlarm.Kind.INCONSISTENT);
    }

    @Test
    void withoutTheLogsTokenOrWithAForgedSignatureOrTooLargeABodyNothingIsWritten() throws Exception {
        log.checkpoints().checkpoint();
        AddCheckpoint honest = log.cosignatures().request(0);
        String request = honest.format();

        assertThat(post(request, null).statusCode()).isEqualTo(401);
        assertThat(post(request, "arbw_" + "A".repeat(43)).statusCode()).isEqualTo(401);
        String replaced = token;
        token = ciso.witness().issueHttpToken(origin, "ciso");
        assertThat(post(request, replaced).statusCode()).as("a replaced token stops working").isEqualTo(401);

        try (Workspace other = Workspace.open(new DataDirectory(dir.resolve("other")))) {
            append(other, 3);
            other.checkpoints().checkpoint();
            HttpResponse<String> otherLog = post(other.cosignatures().request(0).format(), token);
            assertThat(otherLog.statusCode()).isEqualTo(403);
            assertThat(otherLog.body()).contains("this witness token is for the log " + origin);
        }
        SigningKey forger = SigningKey.loadOrCreate(dir.resolve("forger.key"), origin);
        HttpResponse<String> forged = post(new AddCheckpoint(0, List.of(), SignedNote.sign(honest.checkpoint().text(),
                forger)).format(), token);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("no valid signature by a key this witness trusts");
        HttpResponse<String> huge = post(request + "x".repeat(70 * 1024), token);
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(ciso.auditReader().count(new AuditQuery(null, null, null, Witness.COSIGNED, null))).isZero();
        assertThat(ciso.auditReader().count(new AuditQuery(null, null, null, Witness.ALARM, null))).isZero();
        assertThat(ciso.witness().alarms()).isEmpty();
        assertThat(ciso.witness().logs().get(0).size()).isZero();

        assertThatThrownBy(() -> new WitnessClient(URI.create("ftp://x"), token))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--witness-url");
    }

    private HttpResponse<String> post(String body, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base().resolve("/v1/witness/add-checkpoint"))
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void append(Workspace ws, int n) {
        for (int i = 0; i < n; i++) {
            ws.ledger().append(AuditEntry.of("decision").traceId("t-" + i).action("read:crm/matter").build());
        }
    }
}
