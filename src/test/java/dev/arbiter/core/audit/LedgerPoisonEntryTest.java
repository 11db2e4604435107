package dev.arbiter.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.testing.StoreKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Attack: one caller's text that the store's JSON reader cannot hold (U+0000, a lone surrogate; PostgreSQL's
 * {@code jsonb} behind the generated columns refuses both) must not fail the group commit of everyone else's
 * entries, nor mark the ledger unavailable.
 */
class LedgerPoisonEntryTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void oneCallersUnstorableTextFailsNoOtherEntry(StoreKind kind) throws Exception {
        try (Workspace ws = kind.fresh(dir).open(1)) {
            AuditLedger ledger = ws.ledger();
            long before = ledger.headSeq();
            List<CompletableFuture<LedgerEntry>> others = new ArrayList<>();
            List<CompletableFuture<LedgerEntry>> hostile = new ArrayList<>();
            String[] poisons = {"nul \u0000 here", "lone \ud800 high", "lone \udc00 low", "\ud83d"};
            for (int round = 0; round < 20; round++) {
                for (int i = 0; i < 10; i++) {
                    others.add(ledger.appendAsync(AuditEntry.of("test.other").agentId("agent-" + i)
                            .actor("agent:agent-" + i).reasoning("fine " + round + "/" + i).build()));
                }
                String poison = poisons[round % poisons.length];
                hostile.add(ledger.appendAsync(AuditEntry.of("test.hostile").agentId("evil").actor("agent:evil")
                        .reasoning(poison).output("{\"x\":\"" + poison + "\"}").build()));
            }
            for (CompletableFuture<LedgerEntry> f : others) {
                assertThat(f).succeedsWithin(30, TimeUnit.SECONDS);
            }
            for (CompletableFuture<LedgerEntry> f : hostile) {
                if (kind == StoreKind.POSTGRESQL) {
                    assertThat(f).failsWithin(30, TimeUnit.SECONDS).withThrowableThat()
                            .withCauseInstanceOf(UnstorableText.class);
                } else {
                    assertThat(f).succeedsWithin(30, TimeUnit.SECONDS); // SQLite keeps the text as sent
                }
            }
            assertThat(ledger.health()).isInstanceOf(LedgerHealth.Writable.class);
            long kept = hostile.stream().filter(f -> !f.isCompletedExceptionally()).count();
            assertThat(ledger.headSeq() - before).isEqualTo(others.size() + kept);
            assertThat(ws.verifier().verify()).isInstanceOf(VerificationResult.Intact.class);
        }
    }
}
