package dev.arbiter.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.decision.TestClock;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.store.DataDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Per-decision receipts (issue 18): issued against a checkpoint signed on demand (at most one a second), verified
 * offline with the public key alone, and any change to a proven part of one is caught.
 */
class ReceiptTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static Path dir;
    static TestClock clock;
    static Workspace ws;
    static NoteKey key;
    static byte[] approved;

    @BeforeContainer
    static void open() throws Exception {
        dir = Files.createTempDirectory("receipt");
        clock = new TestClock(Instant.now());
        ws = Workspace.open(new DataDirectory(dir), clock);
        DemoAgents.ensure(ws);
        key = ws.checkpoints().key().publicKey();
        // A gated refund, approved: its trace holds the decision and the reviewer's entry.
        String trace = ws.decisions().decide(refund()).join().traceId();
        ws.queue().approve(trace, "dana", "checked the order");
        clock.advance(Duration.ofSeconds(2));
        approved = ((Receipts.Issued) ws.receipts().receipt(trace)).receipt().json();
    }

    @AfterContainer
    static void close() {
        ws.close();
    }

    static DecisionRequest refund() {
        return DecisionRequest.of(DemoAgents.REFUNDS, "issue:refund").withTarget(DemoAgents.TARGETS.get(
                DemoAgents.REFUNDS)).withAmount(2500.0).withConfidence(0.9);
    }

    @net.jqwik.api.Example
    void aReceiptProvesEveryEntryOfTheTraceAgainstASignedCheckpoint() throws Exception {
        var outcome = OfflineVerifier.verifyReceipt(approved, key);
        assertThat(outcome.problem()).isEmpty();
        var json = JSON.readTree(approved);
        assertThat(json.path("entries")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(json.path("entries").get(0).path("body").asText()).contains("\"event\":\"decision\"");
        assertThat(OfflineVerifier.verifyReceipt(approved, SigningKey.generate("other").publicKey()).problem())
                .hasValueSatisfying(p -> assertThat(p).contains("not signed by other"));
    }

    @net.jqwik.api.Example
    void aFreshDecisionIsCoveredOnDemandAtMostOnceASecondAndUnknownTracesAreSaidSo() {
        clock.advance(Duration.ofSeconds(5));
        String first = ws.decisions().decide(refund()).join().traceId();
        assertThat(ws.receipts().receipt(first)).isInstanceOf(Receipts.Issued.class);
        String second = ws.decisions().decide(refund()).join().traceId();
        var pending = ws.receipts().receipt(second);
        assertThat(pending).isEqualTo(new Receipts.Pending(1));
        // Asking again for the first one is no new checkpoint: it is covered already.
        assertThat(ws.receipts().receipt(first)).isInstanceOf(Receipts.Issued.class);
        clock.advance(Receipts.ON_DEMAND_EVERY);
        var issued = ws.receipts().receipt(second);
        assertThat(issued).isInstanceOf(Receipts.Issued.class);
        assertThat(OfflineVerifier.verifyReceipt(((Receipts.Issued) issued).receipt().json(), key).intact()).isTrue();
        assertThat(ws.receipts().receipt("ag-2020-01-01-999999")).isEqualTo(new Receipts.Unknown());
    }

    @net.jqwik.api.Example
    void droppingOrReorderingEntriesOrRenamingTheTraceIsCaught() throws Exception {
        ObjectNode dropped = (ObjectNode) JSON.readTree(approved);
        ((ArrayNode) dropped.path("entries")).remove(1);
        assertThat(OfflineVerifier.verifyReceipt(JSON.writeValueAsBytes(dropped), key).problem())
                .hasValueSatisfying(p -> assertThat(p).contains("does not name exactly its entries"));

        ObjectNode renamed = (ObjectNode) JSON.readTree(approved);
        renamed.put("trace_id", "ag-2020-01-01-000001");
        assertThat(OfflineVerifier.verifyReceipt(JSON.writeValueAsBytes(renamed), key).problem())
                .hasValueSatisfying(p -> assertThat(p).contains("not an entry of trace"));
    }

    /** Any one character changed in a proven string (body, hash, proof, a note's signed text) is caught. */
    @Property(tries = 100)
    void anyEditOfAProvenPartIsCaught(@ForAll("edits") Edit edit) throws Exception {
        ObjectNode receipt = (ObjectNode) JSON.readTree(approved);
        java.util.List<java.util.function.Consumer<ObjectNode>> places = new java.util.ArrayList<>();
        String original = edit.apply(receipt, places);
        places.get(0).accept(receipt);
        byte[] changed = JSON.writeValueAsBytes(receipt);
        assertThat(OfflineVerifier.verifyReceipt(changed, key).intact())
                .as("after changing %s", original).isFalse();
    }

    /** A place in the receipt (an entry field or a top-level note), a position in it, and a replacement character. */
    record Edit(int entry, String field, int position, char replacement) {
        String apply(ObjectNode receipt, java.util.List<java.util.function.Consumer<ObjectNode>> out) {
            ObjectNode target = field.equals("checkpoint") || field.equals("signature") ? receipt
                    : (ObjectNode) receipt.path("entries").get(entry % receipt.path("entries").size());
            String value = field.equals("proof") ? target.path("proof").get(0).asText() : target.path(field).asText();
            // In a note, the signed text: a base64 signature may be re-spelt in its unused padding bits, which
            // changes no byte that is verified.
            int span = target == receipt ? value.lastIndexOf("\n\n") + 1 : value.length();
            int at = position % span;
            char c = value.charAt(at) == replacement ? (char) (replacement + 1) : replacement;
            String edited = value.substring(0, at) + c + value.substring(at + 1);
            out.add(r -> {
                if (field.equals("proof")) {
                    ((ArrayNode) target.path("proof")).set(0, edited);
                } else {
                    target.put(field, edited);
                }
            });
            return field + "[" + at + "] to " + c;
        }
    }

    @Provide
    Arbitrary<Edit> edits() {
        return net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 5),
                Arbitraries.of("body", "hash", "proof", "checkpoint", "signature"),
                Arbitraries.integers().between(0, 10_000),
                Arbitraries.chars().with('0', 'a', 'f', '1', 'x', 'Z', '"', ' ', 'é')).as(Edit::new);
    }


    /** Receipts as a denial of service: a huge trace is refused, and a request never waits for another's build. */
    @net.jqwik.api.Example
    void aTraceTooLongForAReceiptIsRefusedAndAConcurrentRequestDoesNotWait() throws Exception {
        for (int i = 0; i <= Receipts.MAX_ENTRIES; i++) {
            ws.ledger().append(dev.arbiter.core.audit.AuditEntry.of("decision").traceId("flood").action("x").build());
        }
        clock.advance(Duration.ofSeconds(5));
        assertThat(ws.receipts().receipt("flood")).isEqualTo(new Receipts.TooLarge(Receipts.MAX_ENTRIES));

        // Another request holds the build (as a slow one would): the gateway's request is answered at once.
        var lock = Receipts.class.getDeclaredField("building");
        lock.setAccessible(true);
        var building = (java.util.concurrent.locks.ReentrantLock) lock.get(ws.receipts());
        var held = new java.util.concurrent.CountDownLatch(1);
        var done = new java.util.concurrent.CountDownLatch(1);
        Thread other = new Thread(() -> {
            building.lock();
            try {
                held.countDown();
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                building.unlock();
            }
        });
        other.start();
        held.await();
        try {
            assertThat(ws.receipts().tryReceipt("flood")).isEqualTo(new Receipts.Busy(1));
        } finally {
            done.countDown();
            other.join();
        }
    }
}
