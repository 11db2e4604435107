package dev.arbiter.core.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.store.Database;
import dev.arbiter.testing.StoreKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * A rate window's count as a write transaction sees it ({@link RateWindowBatch}: the agent's total less the rows
 * not pruned yet, read once per edge, plus the events the transaction accepted so far) is exactly the rows and
 * events newer than the window's edge, capped, on both stores: whatever the cap, the transactions' sizes, a clock
 * that steps back, another agent's and another kind's rows, and the prunes the batch makes as it writes, which
 * never remove a row newer than the oldest edge its transaction judged the row's window by.
 */
class RateWindowCountProperties {

    private static Path dir;
    private static Workspace postgres;
    private static Database sqlite;
    private static final AtomicInteger runs = new AtomicInteger();

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("arbiter-rate-window");
        sqlite = Database.open(dir.resolve("arbiter.db"));
        Files.createDirectories(dir.resolve("pg"));
        postgres = StoreKind.POSTGRESQL.fresh(dir.resolve("pg")).open(1);
    }

    @AfterContainer
    static void close() throws IOException {
        sqlite.close();
        postgres.close();
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * After {@code ms} (negative: the clock stepped back): accept an event, count the window, or commit the
     * transaction (the next op starts another).
     */
    record Op(int what, int agent, boolean escalation, long ms, int cap) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        return Combinators.combine(Arbitraries.integers().between(0, 12), Arbitraries.integers().between(0, 1),
                Arbitraries.of(false, false, true),
                // mostly small steps, so that rows leave the window a few at a time; sometimes a jump or a step back
                Arbitraries.oneOf(Arbitraries.longs().between(0, 4_000), Arbitraries.of(0L, 1L, 59_999L, 60_000L,
                        61_000L, -30_000L)),
                Arbitraries.integers().between(1, 70))
                .as(Op::new).list().ofMinSize(1).ofMaxSize(160);
    }

    /** An event, written ({@code rate_bucket}) or accepted in the transaction. */
    record Row(String agent, String kind, long at) {
    }

    @Property(tries = 60)
    void theCountIsTheRowsAndEventsNewerThanTheEdgeCapped(@ForAll("ops") List<Op> ops, @ForAll boolean onPostgres) {
        Database db = onPostgres ? postgres.database() : sqlite;
        String run = "r" + runs.incrementAndGet() + "-";
        RateLimiter limiter = new RateLimiter();
        long[] now = {1_700_000_000_000L};
        int next = 0;
        while (next < ops.size()) {
            List<Row> before = rows(db, run);
            int from = next;
            // the oldest moment the transaction judged each agent's window of each kind by
            Map<String, Long> oldestNow = new HashMap<>();
            next = db.write(tx -> {
                RateWindowBatch batch = RateWindowBatch.of(tx, limiter);
                List<Row> accepted = new ArrayList<>();
                int i = from;
                for (; i < ops.size() && ops.get(i).what() < 12; i++) {
                    Op op = ops.get(i);
                    String agent = run + op.agent();
                    String kind = op.escalation() ? RateLimiter.ESCALATION : RateLimiter.ACTION;
                    now[0] += op.ms();
                    long at = now[0];
                    oldestNow.merge(agent + " " + kind, at, Math::min);
                    if (op.what() < 6) {
                        // judged at its stamp, or at the edge of a prune a clock stepped back behind
                        long recorded = batch.add(tx.connection(), agent, kind, at);
                        assertThat(recorded).isGreaterThanOrEqualTo(at);
                        accepted.add(new Row(agent, kind, recorded));
                    } else {
                        long edge = at - RateLimiter.windowOf(kind);
                        int counted = batch.count(tx.connection(), agent, kind, at, op.cap());
                        long inside = java.util.stream.Stream.concat(before.stream(), accepted.stream())
                                .filter(r -> r.agent().equals(agent) && r.kind().equals(kind) && r.at() > edge)
                                .count();
                        assertThat(counted).as("%s %s after %d, cap %d", agent, kind, edge, op.cap())
                                .isEqualTo((int) Math.min(op.cap(), inside));
                    }
                }
                return i + 1;
            });
            List<Row> after = rows(db, run);
            // what the transaction wrote is all there, and a prune removed only rows out of every window it judged
            List<Row> gone = new ArrayList<>(before);
            for (Row r : after) {
                gone.remove(r);
            }
            // an agent's window is counted by its own decisions only: a prune may remove the rows of a window the
            // transaction judged only from before the oldest moment it judged it by, another window's only from
            // before the oldest moment the transaction judged any by
            long oldestOfAll = oldestNow.values().stream().min(Long::compare).orElse(Long.MAX_VALUE);
            assertThat(gone).as("rows pruned by a transaction that judged %s", oldestNow)
                    .allMatch(r -> r.at() <= oldestNow.getOrDefault(r.agent() + " " + r.kind(), oldestOfAll)
                            - RateLimiter.windowOf(r.kind()));
            assertThat(after.size() - (before.size() - gone.size())).as("rows the transaction added")
                    .isEqualTo(acceptedIn(ops, from, next - 1));
        }
    }

    private static int acceptedIn(List<Op> ops, int from, int to) {
        int n = 0;
        for (int i = from; i < Math.min(to, ops.size()); i++) {
            n += ops.get(i).what() < 6 ? 1 : 0;
        }
        return n;
    }

    /** The run's events as the buckets hold them, one row per event. */
    private static List<Row> rows(Database db, String run) {
        return db.read(c -> {
            List<Row> rows = new ArrayList<>();
            try (var ps = c.prepareStatement("SELECT agent_id, kind, at_ms, events FROM rate_bucket"
                    + " WHERE agent_id LIKE ?")) {
                ps.setString(1, run + "%");
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        for (long i = 0; i < rs.getLong(4); i++) {
                            rows.add(new Row(rs.getString(1), rs.getString(2), rs.getLong(3)));
                        }
                    }
                }
            }
            return rows;
        });
    }
}
