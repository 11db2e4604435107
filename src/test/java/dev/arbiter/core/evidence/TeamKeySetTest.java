package dev.arbiter.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.testing.StoreKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Team mode on a real PostgreSQL (issue 18): two hosts share one ledger and each signs checkpoints with its own
 * key. A receipt issued on one host may prove its entries against a checkpoint the other host signed, so a
 * verifier holding one key fails; the workspace's published key set (each key's public half in the database,
 * each receipt naming the key ids it was signed with) lets any key of the set verify, offline in Java and in the
 * independent Python verifier.
 */
class TeamKeySetTest {

    @TempDir
    Path dir;

    @Test
    void aReceiptSignedByOneHostOverAnotherHostsCheckpointVerifiesWithTheKeySet() throws Exception {
        StoreKind.Place team = StoreKind.POSTGRESQL.fresh(dir);
        try (Workspace a = team.open(1); Workspace b = team.open(2)) {
            for (int i = 0; i < 3; i++) {
                a.ledger().append(AuditEntry.of("decision").traceId("trace-1").action("read:crm/x").build());
            }
            assertThat(a.checkpoints().checkpoint()).isPresent();
            NoteKey keyA = a.checkpoints().key().publicKey();
            var issued = (Receipts.Issued) b.receipts().receipt("trace-1");
            NoteKey keyB = b.checkpoints().key().publicKey();
            assertThat(keyB).isNotEqualTo(keyA);
            byte[] json = issued.receipt().json();

            var fields = new ObjectMapper().readTree(json);
            assertThat(fields.path("key_id").asText()).isEqualTo(HexFormat.of().formatHex(keyB.keyId()));
            assertThat(fields.path("checkpoint_key_id").asText()).isEqualTo(HexFormat.of().formatHex(keyA.keyId()));

            // One host's key alone fails, naming what is missing.
            assertThat(OfflineVerifier.verifyReceipt(json, keyB).problem()).get().asString()
                    .contains("another host of the team");
            assertThat(OfflineVerifier.verifyReceipt(json, keyA).intact()).isFalse();
            // The published set: both hosts' keys, seen alike from either host.
            assertThat(a.checkpoints().keySet()).containsExactlyInAnyOrder(keyA, keyB);
            assertThat(b.checkpoints().keySet()).containsExactlyInAnyOrder(keyA, keyB);
            var verified = OfflineVerifier.verifyReceipt(json, b.checkpoints().keySet());
            assertThat(verified.intact()).as(verified.summary()).isTrue();
            assertThat(verified.summary()).contains("key " + HexFormat.of().formatHex(keyA.keyId()));
            // Each host's own verify trusts the team's set: A's checkpoint verifies on B.
            assertThat(b.checkpointVerifier().verify().intact()).isTrue();
            // A key nobody published is no member: a stranger's signature still fails.
            List<NoteKey> withStranger = List.of(keyB, SigningKey.generate(keyA.name()).publicKey());
            assertThat(OfflineVerifier.verifyReceipt(json, withStranger).intact()).isFalse();

            Path receipt = dir.resolve("receipt.json");
            Files.write(receipt, json);
            Path keys = dir.resolve("keys.txt");
            Files.writeString(keys, keyB.verifierKey() + "\n" + keyA.verifierKey() + "\n");
            Path one = dir.resolve("one-key.txt");
            Files.writeString(one, keyB.verifierKey() + "\n");
            if (python("-c", "import cryptography") == 0) {
                String script = Path.of("docs/verifier/verify.py").toAbsolutePath().toString();
                assertThat(python(script, "--public-key", keys.toString(), receipt.toString())).isZero();
                assertThat(python(script, "--public-key", one.toString(), receipt.toString())).isEqualTo(1);
                assertThat(python(script, "--public-key", one.toString(), "--public-key", keyA.verifierKey(),
                        receipt.toString())).isZero();
            }
        }
    }

    private static int python(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (java.io.IOException noPython) {
            return -1;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        System.out.println(out);
        return p.exitValue();
    }
}
