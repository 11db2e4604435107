package dev.arbiter.core.decision;

import static dev.arbiter.core.demo.DemoAgents.SUPPORT;
import static dev.arbiter.core.demo.DemoAgents.TARGETS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.testing.StoreKind;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Attack 5 on the batched rate windows: the events' upsert, run just before COMMIT ({@code Tx.beforeCommit}), is
 * refused by the database (a trigger stands in for a full disk or a broken constraint). The whole group commit
 * must fail closed: no decision of it answered at all, none in the ledger, and once the database takes writes
 * again the window counts only what was durable. Both stores.
 */
class RateWindowWriteFailureFailsBatchClosedTest {

    private static final int LIMIT = 3;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aRefusedEventWriteAnswersNothingAndCountsNothing(StoreKind store) {
        TestClock clock = new TestClock(Instant.parse("2026-03-16T14:23:01Z"));
        try (Workspace ws = store.fresh(dir).open(1, clock)) {
            DemoAgents.ensure(ws);
            SupportActionLimit.set(ws, LIMIT);
            assertThat(ws.decisions().decide(request()).join().verdict()).isEqualTo(Verdict.ALLOW);
            long entriesBefore = decisions(ws);

            eventWritesRefused(ws, store, true);
            clock.advance(Duration.ofSeconds(1));
            List<CompletableFuture<Decision>> refused = new ArrayList<>();
            for (int i = 0; i < 2 * LIMIT; i++) {
                refused.add(ws.decisions().decide(request()));
            }
            for (CompletableFuture<Decision> d : refused) {
                assertThat(d).failsWithin(Duration.ofSeconds(60));
            }
            assertThat(decisions(ws)).as("nothing of the failed batches in the ledger").isEqualTo(entriesBefore);

            eventWritesRefused(ws, store, false);
            clock.advance(Duration.ofSeconds(1));
            int allowed = 0;
            for (int i = 0; i < 2 * LIMIT; i++) {
                if (ws.decisions().decide(request()).join().verdict() == Verdict.ALLOW) {
                    allowed++;
                }
            }
            assertThat(allowed).as("only the one durable action was counted").isEqualTo(LIMIT - 1);
        }
    }

    private static DecisionRequest request() {
        return DecisionRequest.of(SUPPORT, "read:order_history").withTarget(TARGETS.get(SUPPORT));
    }

    private static long decisions(Workspace ws) {
        return ws.auditReader().count(new AuditQuery(null, null, SUPPORT, "decision", null));
    }

    /** Makes the database refuse (or take again) every new rate event, as a full disk would. */
    private static void eventWritesRefused(Workspace ws, StoreKind store, boolean refused) {
        ws.database().write(tx -> {
            try (Statement st = tx.connection().createStatement()) {
                if (store == StoreKind.SQLITE) {
                    st.execute(refused ? "CREATE TRIGGER rate_bucket_refused BEFORE INSERT ON rate_bucket"
                            + " BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
                            : "DROP TRIGGER rate_bucket_refused");
                } else if (refused) {
                    st.execute("CREATE FUNCTION rate_bucket_refused() RETURNS trigger LANGUAGE plpgsql AS $$"
                            + " BEGIN RAISE EXCEPTION 'could not extend file: No space left on device'; END $$");
                    st.execute("CREATE TRIGGER rate_bucket_refused BEFORE INSERT ON rate_bucket"
                            + " FOR EACH ROW EXECUTE FUNCTION rate_bucket_refused()");
                } else {
                    st.execute("DROP TRIGGER rate_bucket_refused ON rate_bucket");
                }
            }
            return null;
        });
    }
}
