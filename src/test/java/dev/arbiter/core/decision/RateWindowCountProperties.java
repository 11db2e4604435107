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
import java.util.List;
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
 * A rate window's count (V33: the agent's total less the rows not pruned yet) is exactly the rows newer
 * than the window's edge, capped, on both stores: whatever the cap, the prunes between (the count's own
 * too), a clock that steps back, another agent's and another kind's rows, and deletes the triggers must
 * follow.
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
     * After {@code ms} (negative: the clock stepped back): record an event, prune every agent's or this agent's
     * old ones, or count (which prunes the agent's stale rows when it finds {@code pruneAt} or more).
     */
    record Op(int what, int agent, boolean escalation, long ms, int cap, int pruneAt) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        return Combinators.combine(Arbitraries.integers().between(0, 10), Arbitraries.integers().between(0, 1),
                Arbitraries.of(false, false, true),
                // mostly small steps, so that rows leave the window a few at a time; sometimes a jump or a step back
                Arbitraries.oneOf(Arbitraries.longs().between(0, 15_000), Arbitraries.of(0L, 1L, 59_999L, 60_000L,
                        61_000L, -30_000L)),
                Arbitraries.integers().between(1, 40), Arbitraries.integers().between(0, 12))
                .as(Op::new).list().ofMinSize(1).ofMaxSize(100);
    }

    @Property(tries = 60)
    void theCountIsTheRowsNewerThanTheEdgeCapped(@ForAll("ops") List<Op> ops, @ForAll boolean onPostgres) {
        Database db = onPostgres ? postgres.database() : sqlite;
        String run = "r" + runs.incrementAndGet() + "-";
        record Row(String agent, String kind, long at) {
        }
        List<Row> rows = new ArrayList<>();
        long now = 1_700_000_000_000L;
        for (Op op : ops) {
            String agent = run + op.agent();
            String kind = op.escalation() ? RateLimiter.ESCALATION : RateLimiter.ACTION;
            long window = op.escalation() ? RateLimiter.HOUR : RateLimiter.MINUTE;
            now += op.ms();
            long at = now;
            if (op.what() < 6) {
                db.write(tx -> {
                    CounterStore.recordEvent(tx.connection(), agent, kind, at);
                    return null;
                });
                rows.add(new Row(agent, kind, at));
            } else if (op.what() < 7) {
                // every agent's old rows (those of earlier tries too)
                long before = at - window;
                db.write(tx -> {
                    CounterStore.prune(tx.connection(), kind, before);
                    return null;
                });
                rows.removeIf(r -> r.kind().equals(kind) && r.at() <= before);
            } else if (op.what() < 8) {
                long before = at - window;
                db.write(tx -> {
                    CounterStore.prune(tx.connection(), agent, kind, before);
                    return null;
                });
                rows.removeIf(r -> r.agent().equals(agent) && r.kind().equals(kind) && r.at() <= before);
            } else {
                long edge = at - window;
                int counted = db.write(tx -> CounterStore.countSince(tx.connection(), agent, kind, edge, op.cap(),
                        op.pruneAt()));
                long inside = rows.stream().filter(r -> r.agent().equals(agent) && r.kind().equals(kind)
                        && r.at() > edge).count();
                assertThat(counted).as("%s %s after %d, cap %d, prune at %d", agent, kind, edge, op.cap(),
                        op.pruneAt()).isEqualTo((int) Math.min(op.cap(), inside));
                // the count pruned its stale rows when it found enough: a later count (the clock stepped back)
                // sees them gone, as it would after any prune
                List<Row> stale = rows.stream().filter(r -> r.agent().equals(agent) && r.kind().equals(kind)
                        && r.at() <= edge).toList();
                if (stale.size() >= op.pruneAt()) {
                    rows.removeAll(stale);
                }
            }
        }
    }
}
