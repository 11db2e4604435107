package dev.arbiter.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.decision.TestClock;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.store.DataDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on a receipt's text (issue 18): an altered receipt must be refused by the Java verifier and by the
 * independent Python verifier alike. A lone UTF-16 surrogate written as a JSON escape into an entry's body was
 * encoded by Java as {@code ?}, so a body with a {@code ?} could be altered and still "hash to its hash"; a seq
 * written as a string or a fraction was read as the number by Java and refused by Python.
 */
class ReceiptTextAttackTest {

    static Path dir;
    static Workspace ws;
    static NoteKey key;
    static String receipt;

    @TempDir
    Path tmp;

    @BeforeAll
    static void receipt() throws Exception {
        dir = Files.createTempDirectory("receipt-attack");
        TestClock clock = new TestClock(Instant.now());
        ws = Workspace.open(new DataDirectory(dir), clock);
        DemoAgents.ensure(ws);
        key = ws.checkpoints().key().publicKey();
        String trace = ws.decisions().decide(DecisionRequest.of(DemoAgents.SUPPORT, "read:order_history")
                .withTarget(DemoAgents.TARGETS.get(DemoAgents.SUPPORT))
                .withContextJson("{\"note\":\"why?\"}")).join().traceId();
        clock.advance(Duration.ofSeconds(2));
        receipt = new String(((Receipts.Issued) ws.receipts().receipt(trace)).receipt().json(),
                StandardCharsets.UTF_8);
    }

    @AfterAll
    static void close() {
        ws.close();
    }

    @Test
    void theGenuineReceiptVerifiesInBoth() throws Exception {
        assertThat(receipt).contains("why?");
        assertThat(java(receipt)).isEmpty();
        assertThat(python(receipt)).isEmpty();
    }

    @Test
    void aBodyWithALoneSurrogateInPlaceOfAQuestionMarkIsRefusedByBoth() throws Exception {
        assertRefusedByBoth(receipt.replace("why?", "why\\ud800"));
        assertRefusedByBoth(receipt.replace("why?", "why\\udfff"));
    }

    @Test
    void aSeqWrittenAsTextOrAFractionIsRefusedByBoth() throws Exception {
        String seq = receipt.replaceAll("(?s).*?\"seq\"\\s*:\\s*(\\d+).*", "$1");
        assertRefusedByBoth(receipt.replaceFirst("\"seq\"\\s*:\\s*" + seq + "([,}])", "\"seq\":\"" + seq + "\"$1"));
        assertRefusedByBoth(receipt.replaceFirst("\"seq\"\\s*:\\s*" + seq + "([,}])", "\"seq\":" + seq + ".0$1"));
    }

    private void assertRefusedByBoth(String altered) throws Exception {
        assertThat(altered).isNotEqualTo(receipt);
        assertThat(java(altered)).as("the Java verifier passed an altered receipt").isPresent();
        assertThat(python(altered)).as("the Python verifier passed an altered receipt").isPresent();
    }

    private static Optional<String> java(String json) {
        return OfflineVerifier.verifyReceipt(json.getBytes(StandardCharsets.UTF_8), key).problem();
    }

    private Optional<String> python(String json) throws Exception {
        Path file = Files.createTempFile(tmp, "receipt", ".json");
        Files.writeString(file, json);
        return PythonVerifier.refusal(file, key.verifierKey());
    }
}
