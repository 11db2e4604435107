package dev.arbiter.core.policyqa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The replay's read-ahead: entries reach the replay in ledger order, each with its own body, and no thread stays. */
class ReadAheadTest {

    private static final Set<String> EVENTS = Set.of("decision", "agent.added");

    /** Every seventh body is damaged; the others name their own seq as the agent. */
    private static byte[] body(long seq) {
        String text = seq % 7 == 0 ? "damaged " + seq
                : "{\"event\":\"agent.added\",\"agent_id\":\"a" + seq + "\",\"timestamp\":\"2026-12-01T00:00:00.000Z\"}";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static StoredBody.Reader reader() {
        return new StoredBody.Reader(EVENTS, Set.of("decision"), null);
    }

    @Test
    void entriesArriveInLedgerOrderWithTheirOwnBodiesAcrossManyBatches() {
        int n = ReadAhead.BATCH * (ReadAhead.IN_FLIGHT + 3) + 17; // more batches than in flight, and a partial one
        List<Long> seen = new ArrayList<>();
        try (ReadAhead ahead = new ReadAhead(ReadAheadTest::reader, 2, (seq, body, unreadable, salt, value) -> {
            seen.add(seq);
            assertThat(unreadable).as("entry %d unreadable", seq).isEqualTo(seq % 7 == 0);
            if (!unreadable) {
                assertThat(body.agentId()).isEqualTo("a" + seq);
                assertThat(salt).isEqualTo("s" + seq);
            }
        })) {
            for (long seq = 0; seq < n; seq++) {
                ahead.add(seq, body(seq), "s" + seq, "v" + seq);
            }
            ahead.finish();
        }
        assertThat(seen).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(seen.get(i)).isEqualTo(i);
        }
        noReadingThreadLeft();
    }

    @Test
    void aStoppedScanLeavesNoReadingThread() {
        List<Long> seen = new ArrayList<>();
        assertThatThrownBy(() -> {
            try (ReadAhead ahead = new ReadAhead(ReadAheadTest::reader, 2,
                    (seq, body, unreadable, salt, value) -> seen.add(seq))) {
                for (long seq = 0; ; seq++) {
                    if (seq == ReadAhead.BATCH * (ReadAhead.IN_FLIGHT + 2L)) {
                        throw new CancellationException("the replay was stopped");
                    }
                    ahead.add(seq, body(seq), null, null);
                }
            }
        }).isInstanceOf(CancellationException.class);
        // what reached the replay before the stop was a prefix of the ledger, in order
        for (int i = 0; i < seen.size(); i++) {
            assertThat(seen.get(i)).isEqualTo(i);
        }
        noReadingThreadLeft();
    }

    @Test
    void aRangeSmallerThanABatchIsReadWhole() {
        List<Long> seen = new ArrayList<>();
        try (ReadAhead ahead = new ReadAhead(ReadAheadTest::reader, 2,
                (seq, body, unreadable, salt, value) -> seen.add(seq))) {
            for (long seq = 1; seq <= 3; seq++) {
                ahead.add(seq, body(seq), null, null);
            }
            ahead.finish();
        }
        assertThat(seen).containsExactly(1L, 2L, 3L);
    }

    private static void noReadingThreadLeft() {
        // close() waited for the pool's end; a thread may take a moment more to leave the table
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("replay-read-") && t.isAlive()));
    }
}
