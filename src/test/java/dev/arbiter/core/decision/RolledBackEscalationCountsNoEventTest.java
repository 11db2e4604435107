package dev.arbiter.core.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.testing.StoreKind;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A gated action's claim passes its rate checks and accepts its events ({@link CounterView#accept}), then the
 * escalation queue's insert in the same savepoint fails (here a trigger stands in for any database refusal of the
 * row), so the savepoint is rolled back and the caller is told the decision could not be recorded. Nothing of it
 * is in the ledger, so its action and escalation must not count either: an agent whose escalations keep failing to
 * queue must still get its {@code escalations_per_hour} once the queue takes them again, and a replay of the
 * ledger must see the windows the decisions saw.
 */
class RolledBackEscalationCountsNoEventTest {

    /** In the request's context, which only the queue item stores as a column of its own. */
    private static final String REFUSED = "{\"ticket\":\"refuse-me\"}";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void anEscalationTheQueueRefusedLeavesNoEventInTheWindows(StoreKind store) throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-03-16T14:23:01Z"));
        try (Workspace ws = store.fresh(dir).open(1, clock)) {
            DemoAgents.ensure(ws);
            queueRefusesMarkedItems(ws, store);
            // data-cleanup-agent: escalations_per_hour 6, actions_per_minute 10
            for (int i = 0; i < 6; i++) {
                assertThatThrownBy(() -> ws.decisions().decide(cleanup().withContextJson(REFUSED)).join())
                        .hasMessageContaining("the queue refused it");
            }
            assertThat(ws.auditReader().count(new AuditQuery(null, null, DemoAgents.CLEANUP, "decision",
                    null))).as("no refused decision in the ledger").isZero();

            Decision queued = ws.decisions().decide(cleanup()).join();

            assertThat(queued.reasonCode()).as("six escalations that never queued counted none")
                    .isEqualTo(ReasonCode.PENDING_APPROVAL);
        }
    }

    private static DecisionRequest cleanup() {
        return DecisionRequest.of(DemoAgents.CLEANUP, "delete:temp_files")
                .withTarget(DemoAgents.TARGETS.get(DemoAgents.CLEANUP));
    }

    /** A real refusal by the database of the escalation row (as a constraint or a full disk would refuse it). */
    private static void queueRefusesMarkedItems(Workspace ws, StoreKind store) {
        ws.database().write(tx -> {
            try (Statement st = tx.connection().createStatement()) {
                if (store == StoreKind.SQLITE) {
                    st.execute("CREATE TRIGGER escalation_refused BEFORE INSERT ON escalation"
                            + " WHEN NEW.context LIKE '%refuse-me%'"
                            + " BEGIN SELECT RAISE(ABORT, 'the queue refused it'); END");
                } else {
                    st.execute("CREATE FUNCTION escalation_refused() RETURNS trigger LANGUAGE plpgsql AS $$"
                            + " BEGIN IF NEW.context LIKE '%refuse-me%' THEN RAISE EXCEPTION 'the queue refused it';"
                            + " END IF; RETURN NEW; END $$");
                    st.execute("CREATE TRIGGER escalation_refused BEFORE INSERT ON escalation"
                            + " FOR EACH ROW EXECUTE FUNCTION escalation_refused()");
                }
            }
            return null;
        });
    }
}
