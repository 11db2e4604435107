package dev.arbiter.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.store.DataDirectory;
import dev.arbiter.core.witness.CosignOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A receipt leads to a checkpoint a witness cosigned when there is one, even when a smaller uncosigned checkpoint
 * covers the trace (issue 18), and says whether and by whom its checkpoint was witnessed; both verifiers check
 * that claim against the witness's cosignature line, so it cannot be invented or moved.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CosignedReceiptTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    Workspace log;
    Workspace ciso;
    CosignerKey witness;
    NoteKey logKey;
    byte[] witnessed;

    @BeforeAll
    void open() throws Exception {
        log = Workspace.open(new DataDirectory(dir.resolve("log")));
        ciso = Workspace.open(new DataDirectory(dir.resolve("ciso")));
        witness = ciso.witness().init("ciso.example.com/witness");
        append("t-early", 3);
        // The smallest checkpoint covering t-early: never witnessed.
        assertThat(log.checkpoints().checkpoint()).isPresent();
        append("t-late", 2);
        log.checkpoints().checkpoint();
        logKey = log.checkpoints().key().publicKey();
        ciso.witness().follow(log.checkpoints().origin(), logKey, "ciso");
        AddCheckpoint request = log.cosignatures().request(0);
        var cosigned = (CosignOutcome.Cosigned) ciso.witness().cosign(request, request.format(), "ciso");
        log.cosignatures().importCosigned(cosigned.note().format(), witness);
        witnessed = ((Receipts.Issued) log.receipts().receipt("t-early")).receipt().json();
    }

    @AfterAll
    void close() {
        log.close();
        ciso.close();
    }

    @Test
    void theReceiptLeadsToTheCosignedCheckpointAndSaysWhoWitnessedIt() throws Exception {
        var json = JSON.readTree(witnessed);
        assertThat(SignedCheckpoint.parse(SignedNote.parse(json.path("checkpoint").asText()).text()).size())
                .as("the cosigned checkpoint of 5 entries, not the smaller uncosigned one of 3").isEqualTo(5);
        assertThat(json.path("witnessed_by")).singleElement().satisfies(w -> {
            assertThat(w.path("name").asText()).isEqualTo("ciso.example.com/witness");
            assertThat(w.path("key").asText()).isEqualTo(witness.verifierKey());
        });
        var outcome = OfflineVerifier.verifyReceipt(witnessed, logKey);
        assertThat(outcome.problem()).isEmpty();
        assertThat(outcome.summary()).contains("Witnessed: the checkpoint is cosigned by ciso.example.com/witness");

        Path file = dir.resolve("witnessed.json");
        Files.write(file, witnessed);
        var python = PythonVerifier.run("--public-key", logKey.verifierKey(), file.toString());
        assertThat(python.exit()).as(python.output()).isZero();
        assertThat(python.output()).contains("witnessed: the checkpoint is cosigned by ciso.example.com/witness");
        var checked = PythonVerifier.run("--public-key", logKey.verifierKey(), "--witness-key",
                witness.verifierKey(), file.toString());
        assertThat(checked.output()).contains("cosignatures verified");
    }

    @Test
    void aReceiptWithoutAWitnessSaysSo() throws Exception {
        Workspace alone = Workspace.open(new DataDirectory(dir.resolve("alone")));
        try {
            alone.ledger().append(AuditEntry.of("decision").traceId("t-alone").action("read:crm/matter").build());
            byte[] receipt = ((Receipts.Issued) alone.receipts().receipt("t-alone")).receipt().json();
            assertThat(JSON.readTree(receipt).path("witnessed_by")).isEmpty();
            NoteKey key = alone.checkpoints().key().publicKey();
            assertThat(OfflineVerifier.verifyReceipt(receipt, key).summary()).contains("Not witnessed");
            Path file = dir.resolve("alone.json");
            Files.write(file, receipt);
            assertThat(PythonVerifier.run("--public-key", key.verifierKey(), file.toString()).output())
                    .contains("not witnessed");
        } finally {
            alone.close();
        }
    }

    /** A claim no cosignature line backs (another time, another key, a renamed witness) fails in both verifiers. */
    @Test
    void aWitnessClaimNoCosignatureBacksIsRefused() throws Exception {
        CosignerKey stranger = CosignerKey.of(SigningKey.generate("ciso.example.com/witness"));
        for (var edit : java.util.List.<java.util.function.Consumer<ObjectNode>>of(
                w -> w.put("time", w.path("time").asLong() + 1),
                w -> w.put("key", stranger.verifierKey()),
                w -> w.put("name", "other.example.com/witness"))) {
            ObjectNode receipt = (ObjectNode) JSON.readTree(witnessed);
            edit.accept((ObjectNode) receipt.path("witnessed_by").get(0));
            byte[] changed = JSON.writeValueAsBytes(receipt);
            assertThat(OfflineVerifier.verifyReceipt(changed, logKey).problem()).get().asString()
                    .contains("carries no cosignature by that key at that time");
            Path file = dir.resolve("claim.json");
            Files.write(file, changed);
            var python = PythonVerifier.run("--public-key", logKey.verifierKey(), file.toString());
            assertThat(python.exit()).isEqualTo(1);
            assertThat(python.output()).contains("carries no cosignature by that key at that time");
        }
    }

    /**
     * Spellings of a genuine claim: a time spelled as a string, a fraction, an exponent or with ".0", a name in
     * another case or with white space, a key broken by a line feed. Each is refused by both verifiers alike (a
     * claim's time is its exact JSON integer), never read by one as the true claim and refused by the other.
     */
    @Test
    void aGenuineWitnessClaimSpelledAnotherWayIsRefusedByBoth() throws Exception {
        String text = new String(witnessed, java.nio.charset.StandardCharsets.UTF_8);
        long time = JSON.readTree(witnessed).path("witnessed_by").get(0).path("time").asLong();
        String name = "\"ciso.example.com/witness\"";
        String key = "\"" + witness.verifierKey() + "\"";
        java.util.Map<String, String> spellings = new java.util.LinkedHashMap<>();
        String at = "\"time\"\\s*:\\s*" + time + "(?=[,\\s}])";
        spellings.put("time as a string", text.replaceFirst(at, "\"time\":\"" + time + "\""));
        spellings.put("time with .0", text.replaceFirst(at, "\"time\":" + time + ".0"));
        spellings.put("time with a fraction", text.replaceFirst(at, "\"time\":" + time + ".5"));
        spellings.put("time as an exponent", text.replaceFirst(at, "\"time\":" + time + "e0"));
        spellings.put("name with a space", text.replace(name, name.replace("witness\"", "witness \"")));
        spellings.put("name in capitals", text.replace(name, name.toUpperCase(java.util.Locale.ROOT)));
        spellings.put("key with a line feed", text.replace(key, key.replace("+", "+\\n")));
        for (var s : spellings.entrySet()) {
            assertThat(s.getValue()).as(s.getKey()).isNotEqualTo(text);
            byte[] changed = s.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Path file = dir.resolve("spelled.json");
            Files.write(file, changed);
            var python = PythonVerifier.run("--public-key", logKey.verifierKey(), file.toString());
            assertThat(OfflineVerifier.verifyReceipt(changed, logKey).problem()).as("Java, %s", s.getKey())
                    .isPresent();
            assertThat(python.exit()).as("Python, %s: %s", s.getKey(), python.output()).isEqualTo(1);
        }
    }

    private void append(String trace, int n) {
        for (int i = 0; i < n; i++) {
            log.ledger().append(AuditEntry.of("decision").traceId(trace).action("read:crm/matter").build());
        }
    }
}
