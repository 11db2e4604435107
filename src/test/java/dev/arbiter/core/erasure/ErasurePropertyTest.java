package dev.arbiter.core.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.audit.ExportFormat;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.audit.PersonalData;
import dev.arbiter.core.store.DataDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random entries for random subjects (and none), random erasures in between: the chain and the signed checkpoints
 * always verify, an erased value is in no file of the workspace and no export, and every value not erased reads
 * back exactly as sent (quotes, backslashes, lone surrogates, any Unicode).
 */
class ErasurePropertyTest {

    /** An append ({@code subject} null: an entry about nobody) or, when {@code erase}, an erasure of the subject. */
    record Step(boolean erase, String subject, String text) {
    }

    private record Written(String trace, String subject, String marker, String text, boolean hasContext) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<String> subject = Arbitraries.of("cust-1", "cust-2", "Cust-1", "cust 3", "ünï-4");
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(40);
        Arbitrary<Step> append = Combinators.combine(subject.injectNull(0.2), text)
                .as((s, t) -> new Step(false, s, t));
        Arbitrary<Step> erase = subject.map(s -> new Step(true, s, null));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, append), net.jqwik.api.Tuple.of(1, erase)).list().ofMinSize(1).ofMaxSize(25);
    }

    @Property(tries = 15)
    void erasureNeverBreaksTheChainAndLeavesNoTrace(@ForAll("steps") List<Step> steps) throws Exception {
        Path dir = Files.createTempDirectory("arbiter-erasure");
        List<Written> written = new ArrayList<>();
        List<Written> erased = new ArrayList<>();
        try (Workspace ws = Workspace.open(new DataDirectory(dir))) {
            int n = 0;
            for (Step step : steps) {
                if (step.erase()) {
                    ws.erasure().erase(step.subject(), "request " + n, "dpo");
                    written.removeIf(w -> {
                        boolean gone = step.subject().equals(w.subject());
                        if (gone) {
                            erased.add(w);
                        }
                        return gone;
                    });
                    continue;
                }
                n++;
                String marker = "mk" + n + "x" + Long.toHexString(System.nanoTime()) + "q";
                boolean context = n % 2 == 0;
                var b = AuditEntry.of("decision").traceId("t-" + n).agentId("agent")
                        .inputSummary(marker + step.text()).reasoning(step.text() + marker).subjectId(step.subject());
                if (context) {
                    b.detail(AuditDetail.of("context", Map.of("subject_id", String.valueOf(step.subject()),
                            "note", marker + "c" + step.text()), "tier", 2));
                }
                ws.ledger().append(b.build());
                written.add(new Written("t-" + n, step.subject(), marker, step.text(), context));
            }
            if (n > 0) {
                ws.checkpoints().checkpoint();
            }

            assertThat(ws.verifier().verify().intact()).as(ws.verifier().verify().describe()).isTrue();
            assertThat(ws.checkpointVerifier().verify().intact()).as(ws.checkpointVerifier().verify().summary())
                    .isTrue();
            for (Written w : written) {
                AuditEntry e = ws.auditReader().forTrace(w.trace()).get(0).entry();
                assertThat(e.inputSummary()).isEqualTo(w.marker() + w.text());
                assertThat(e.reasoning()).isEqualTo(w.text() + w.marker());
                if (w.hasContext()) {
                    assertThat(e.detail()).contains(w.marker() + "c");
                }
            }
            Path jsonl = Files.createTempFile("arbiter-erasure", ".jsonl");
            Path csv = Files.createTempFile("arbiter-erasure", ".csv");
            ws.exporter().export(new AuditQuery(null, null, null, null, null), ExportFormat.JSONL, jsonl);
            ws.exporter().export(new AuditQuery(null, null, null, null, null), ExportFormat.CSV, csv);
            String exports = Files.readString(jsonl) + Files.readString(csv);
            for (Written w : erased) {
                LedgerEntry e = ws.auditReader().forTrace(w.trace()).get(0);
                assertThat(e.entry().inputSummary()).isEqualTo(PersonalData.ERASED);
                assertThat(exports).doesNotContain(w.marker());
                assertThat(SubjectErasureTest.fileBytesContain(dir, w.marker()))
                        .as("%s of %s is still in a file", w.marker(), w.subject()).isFalse();
            }
            Files.delete(jsonl);
            Files.delete(csv);
        }
        for (Written w : erased) {
            assertThat(SubjectErasureTest.fileBytesContain(dir, w.marker())).isFalse();
        }
    }
}
