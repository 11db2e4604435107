package dev.arbiter.core.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.audit.ExportFormat;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.audit.PersonalData;
import dev.arbiter.core.decision.TestClock;
import dev.arbiter.core.evidence.EvidenceBundle;
import dev.arbiter.core.evidence.OfflineVerifier;
import dev.arbiter.core.hold.LegalHold;
import dev.arbiter.testing.StoreKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Erasure of a data subject's personal fields on a real SQLite file and a real PostgreSQL server. */
class SubjectErasureTest {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @TempDir
    Path dir;

    static AuditEntry forSubject(String subject, String secret, int i) {
        return AuditEntry.of("decision").agentId("support-bot").traceId("t-" + i).action("create:ticket")
                .inputSummary("Customer " + secret + " asked for a refund").reasoning("Because " + secret + " said so")
                .output("{\"reply\":\"Dear " + secret + "\"}")
                .detail(AuditDetail.of("cost_usd", 0.25, "context", Map.of("subject_id", subject, "email", secret)))
                .decision("allow").subjectId(subject).build();
    }

    private static String exported(Workspace ws, Path file) {
        ws.exporter().export(new AuditQuery(null, null, null, null, null), ExportFormat.JSONL, file);
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertVerifies(Workspace ws) {
        assertThat(ws.verifier().verify().intact()).as(ws.verifier().verify().describe()).isTrue();
        ws.checkpoints().checkpoint();
        assertThat(ws.checkpointVerifier().verify().intact()).as(ws.checkpointVerifier().verify().summary()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void erasingASubjectKeepsEveryHashAndReadsErasedEverywhere(StoreKind kind) throws Exception {
        StoreKind.Place place = kind.fresh(dir);
        try (Workspace ws = place.open(1, new TestClock(NOW))) {
            ws.ledger().append(AuditEntry.of("decision").agentId("old-style").inputSummary("no subject here").build());
            LedgerEntry alice = ws.ledger().append(forSubject("cust-17", "alice@example.com", 1));
            ws.ledger().append(forSubject("cust-18", "bob@example.com", 2));
            ws.checkpoints().checkpoint();
            Path before = dir.resolve("before.zip");
            new EvidenceBundle(ws.auditReader(), ws.checkpoints()).write(1, 3, before, (d, t) -> { });

            // Before erasure the reader opens the commitments: what was sent reads back.
            LedgerEntry read = ws.auditReader().forTrace("t-1").get(0);
            assertThat(read.entry().inputSummary()).isEqualTo("Customer alice@example.com asked for a refund");
            assertThat(read.entry().detail()).contains("alice@example.com").contains("cost_usd");
            assertThat(read.entry().subjectId()).isEqualTo("cust-17");
            assertThat(read.hash()).isEqualTo(alice.hash());
            assertThat(ws.erasure().entriesOf("cust-17")).isEqualTo(1);
            assertThat(ws.erasure().entriesOf("CUST-17")).isZero();

            ErasureResult r = ws.erasure().erase("cust-17", "DSR-2026-041", "dpo");
            assertThat(r.entries()).isEqualTo(1);
            assertThat(r.fields()).isEqualTo(4);

            LedgerEntry erased = ws.auditReader().forTrace("t-1").get(0);
            assertThat(erased.entry().inputSummary()).isEqualTo(PersonalData.ERASED);
            assertThat(erased.entry().reasoning()).isEqualTo(PersonalData.ERASED);
            assertThat(erased.entry().output()).isEqualTo(PersonalData.ERASED);
            assertThat(erased.entry().detail()).contains("\"context\":\"[erased]\"").contains("cost_usd")
                    .doesNotContain("alice");
            assertThat(erased.hash()).isEqualTo(alice.hash());
            assertThat(ws.auditReader().forTrace("t-2").get(0).entry().inputSummary()).contains("bob@example.com");

            String jsonl = exported(ws, dir.resolve("all.jsonl"));
            assertThat(jsonl).doesNotContain("alice").contains("bob@example.com").contains("[erased]")
                    .contains("no subject here");
            LedgerEntry record = ws.auditReader().newest(new AuditQuery(null, null, null, SubjectErasure.EVENT, null,
                    null), 1).get(0);
            assertThat(record.seq()).isEqualTo(r.recordedAs());
            assertThat(record.entry().detail()).contains("DSR-2026-041").contains("\"entries\":1")
                    .doesNotContain("cust-17");
            assertVerifies(ws);

            // A bundle written before the erasure and one written after both verify; neither holds the value.
            var key = ws.checkpoints().key().publicKey();
            Path after = dir.resolve("after.zip");
            new EvidenceBundle(ws.auditReader(), ws.checkpoints()).write(1, 4, after, (d, t) -> { });
            for (Path bundle : List.of(before, after)) {
                OfflineVerifier.Outcome outcome = OfflineVerifier.verifyBundle(bundle, key);
                assertThat(outcome.intact()).as(outcome.summary()).isTrue();
                try (ZipFile zip = new ZipFile(bundle.toFile())) {
                    String entries = new String(zip.getInputStream(zip.getEntry(EvidenceBundle.entriesFile(0)))
                            .readAllBytes(), StandardCharsets.UTF_8);
                    assertThat(entries).doesNotContain("alice").doesNotContain("bob@");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void entriesUnderALegalHoldAreKeptAndReported(StoreKind kind) {
        try (Workspace ws = kind.fresh(dir).open(1, new TestClock(NOW))) {
            ws.ledger().append(forSubject("cust-17", "alice@example.com", 1));
            ws.ledger().append(AuditEntry.of("decision").agentId("claims-bot").traceId("t-2")
                    .inputSummary("claim of alice@example.com").subjectId("cust-17").build());
            LegalHold hold = ws.legalHolds().place("claims-bot", 1, null, "Matter 17", "counsel");

            ErasureResult r = ws.erasure().erase("cust-17", "DSR-1", "dpo");

            assertThat(r.entries()).isEqualTo(1);
            assertThat(r.heldEntries()).isEqualTo(1);
            assertThat(r.holds()).extracting(LegalHold::id).containsExactly(hold.id());
            assertThat(ws.auditReader().forTrace("t-2").get(0).entry().inputSummary()).contains("alice");
            assertThat(ws.auditReader().forTrace("t-1").get(0).entry().inputSummary()).isEqualTo(PersonalData.ERASED);

            ws.legalHolds().release(hold.id(), "closed", "counsel");
            assertThat(ws.erasure().erase("cust-17", "DSR-1 again", "dpo").entries()).isEqualTo(1);
            assertThat(ws.auditReader().forTrace("t-2").get(0).entry().inputSummary()).isEqualTo(PersonalData.ERASED);
            assertThat(ws.verifier().verify().intact()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aBlankSubjectOrReasonIsRefused(StoreKind kind) {
        try (Workspace ws = kind.fresh(dir).open(1, new TestClock(NOW))) {
            assertThatThrownBy(() -> ws.erasure().erase(" ", "x", "dpo")).hasMessageContaining("--subject");
            assertThatThrownBy(() -> ws.erasure().erase("cust-1", " ", "dpo")).hasMessageContaining("--reason");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void theReviewersCopyInTheEscalationQueueIsErasedToo(StoreKind kind) throws Exception {
        StoreKind.Place place = kind.fresh(dir);
        String secret = "dora-unique-91@example.com";
        try (Workspace ws = place.open(1, new TestClock(NOW))) {
            dev.arbiter.core.demo.DemoAgents.ensure(ws);
            var base = dev.arbiter.core.decision.DecisionRequest.of(dev.arbiter.core.demo.DemoAgents.REFUNDS,
                    "issue:refund");
            var request = new dev.arbiter.core.decision.DecisionRequest(base.agentId(), null, base.action(),
                    "Refund for " + secret, "Order late, " + secret + " asked", 0.9, List.of(), null,
                    dev.arbiter.core.demo.DemoAgents.TARGETS.get(dev.arbiter.core.demo.DemoAgents.REFUNDS), 2500.0,
                    java.util.Set.of(), null, null, "{\"subject_id\":\"cust-91\",\"email\":\"" + secret + "\"}");
            String trace = ws.decisions().decide(request).get(30, java.util.concurrent.TimeUnit.SECONDS).traceId();
            assertThat(ws.queue().find(trace)).get().extracting(i -> i.inputSummary()).asString().contains(secret);

            ws.erasure().erase("cust-91", "DSR-91", "dpo");

            var item = ws.queue().find(trace).orElseThrow();
            assertThat(item.inputSummary()).isEqualTo(PersonalData.ERASED);
            assertThat(item.reasoning()).isEqualTo(PersonalData.ERASED);
            assertThat(String.valueOf(item.contextJson())).doesNotContain(secret);
            ws.queue().approve(trace, "dana", "ok");
            assertThat(ws.verifier().verify().intact()).isTrue();
            if (kind == StoreKind.SQLITE) {
                assertThat(fileBytesContain(dir, secret)).isFalse();
            }
        }
    }

    @org.junit.jupiter.api.Test
    void anEditedPersonalValueIsCaughtByVerifyAndReadsAltered() throws Exception {
        StoreKind.Place place = StoreKind.SQLITE.fresh(dir);
        try (Workspace ws = place.open(1, new TestClock(NOW))) {
            ws.ledger().append(forSubject("cust-17", "alice@example.com", 1));
            assertThat(ws.verifier().verify().intact()).isTrue();
            try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(dev.arbiter.core.store.DataDirectory.DATABASE_FILE));
                 var st = c.createStatement()) {
                assertThat(st.executeUpdate("UPDATE audit_personal SET value = '\"Customer bob asked for nothing\"' "
                        + "WHERE field = 'input_summary'")).isEqualTo(1);
            }
            var result = ws.verifier().verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.describe()).contains("Entry #1's personal field input_summary was altered");
            assertThat(ws.auditReader().forTrace("t-1").get(0).entry().inputSummary()).isEqualTo(PersonalData.ALTERED);
        }
    }

    @org.junit.jupiter.api.Test
    void theErasedValueLeavesTheSqliteFileAndItsJournal() throws Exception {
        StoreKind.Place place = StoreKind.SQLITE.fresh(dir);
        String secret = "zq-unique-7731@example.com";
        try (Workspace ws = place.open(1, new TestClock(NOW))) {
            for (int i = 0; i < 50; i++) {
                ws.ledger().append(forSubject(i == 7 ? "cust-7" : "cust-x" + i, i == 7 ? secret : "other" + i, i));
            }
            assertThat(fileBytesContain(dir, secret)).as("the value is on disk before erasure").isTrue();

            ErasureResult r = ws.erasure().erase("cust-7", "DSR-7", "dpo");

            assertThat(r.scrubbed()).isTrue();
            assertThat(fileBytesContain(dir, secret)).as("the value is gone from every file").isFalse();
            assertThat(ws.verifier().verify().intact()).isTrue();
        }
        assertThat(fileBytesContain(dir, secret)).isFalse();
    }

    /** Whether any file under {@code root} (the database, its WAL, archives, logs) holds {@code text} as UTF-8. */
    static boolean fileBytesContain(Path root, String text) throws java.io.IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (var files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (indexOf(Files.readAllBytes(f), needle) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
