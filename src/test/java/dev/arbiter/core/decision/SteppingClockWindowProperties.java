package dev.arbiter.core.decision;

import static dev.arbiter.core.demo.DemoAgents.SUPPORT;
import static dev.arbiter.core.demo.DemoAgents.TARGETS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.testing.StoreKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Attack 4 on the batched rate windows, end to end through {@code decide()}: the workspace's clock steps forward
 * by up to a minute and sometimes back by half a minute, and each step sends a burst of decisions stamped at the
 * same instant (so they share group commits). Whenever the clock stands at or after every instant it showed before,
 * exactly {@code min(burst, limit - recorded actions inside the window)} pass and are recorded at that instant: no
 * prune made for an earlier or a stepped-back decision hides an accepted action from a later one. Every allowed
 * action is recorded, never before its stamp. Both stores, many prunes per try (16 stale
 * buckets trigger one).
 */
class SteppingClockWindowProperties {

    private static final int LIMIT = 6;
    private static final long MINUTE = 60_000;

    private static Path dir;
    private static final Map<StoreKind, Workspace> workspaces = new EnumMap<>(StoreKind.class);
    private static final TestClock clock = new TestClock(Instant.parse("2026-03-16T00:00:00Z"));

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("arbiter-stepping-clock");
        for (StoreKind kind : StoreKind.values()) {
            Path home = Files.createDirectories(dir.resolve(kind.name()));
            Workspace ws = kind.fresh(home).open(1, clock);
            DemoAgents.ensure(ws);
            SupportActionLimit.set(ws, LIMIT);
            workspaces.put(kind, ws);
        }
    }

    @AfterContainer
    static void close() throws IOException {
        workspaces.values().forEach(Workspace::close);
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Move the clock by {@code stepMs} (negative: back), then send {@code burst} decisions at once. */
    record Step(long stepMs, int burst) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Long> step = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.longs().between(0, 9_000)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(1L, 59_999L, 60_000L, 60_001L)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(-30_000, -1)));
        return Combinators.combine(step, Arbitraries.integers().between(1, 5)).as(Step::new)
                .list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 60)
    void aDecisionAtTheLatestInstantSoFarSeesEveryAcceptedActionOfItsMinute(
            @ForAll StoreKind kind, @ForAll("steps") List<Step> steps) {
        Workspace ws = workspaces.get(kind);
        clock.advance(Duration.ofHours(2)); // every earlier try's actions are out of the window
        long latest = clock.instant().toEpochMilli();
        for (Step s : steps) {
            clock.advance(Duration.ofMillis(s.stepMs()));
            long now = clock.instant().toEpochMilli();
            List<Long> before = recorded(ws);
            List<CompletableFuture<Decision>> burst = new ArrayList<>();
            for (int i = 0; i < s.burst(); i++) {
                burst.add(ws.decisions().decide(DecisionRequest.of(SUPPORT, "read:order_history")
                        .withTarget(TARGETS.get(SUPPORT))));
            }
            int allowed = (int) burst.stream().map(CompletableFuture::join)
                    .filter(d -> d.verdict() == Verdict.ALLOW).count();
            List<Long> added = recorded(ws);
            for (Long t : before) {
                added.remove(t);
            }
            assertThat(added).as("events recorded for the %d allowed at %d ms", allowed, now).hasSize(allowed)
                    .allMatch(t -> t >= now);
            if (now >= latest) {
                // the windows as recorded: a stepped-back decision judged after a prune is recorded later than
                // its stamp (LateClaimJudgedAtThePruneEdgeTest), never earlier
                long inWindow = before.stream().filter(t -> now - t < MINUTE).count();
                assertThat(allowed).as("at %d ms with %s recorded", now, before)
                        .isEqualTo((int) Math.max(0, Math.min(s.burst(), LIMIT - inWindow)));
                assertThat(added).as("judged at their stamp").allMatch(t -> t == now);
                latest = now;
            }
        }
    }

    /** The support agent's recorded actions, one entry per event (epoch ms). */
    private static List<Long> recorded(Workspace ws) {
        return ws.database().read(c -> {
            List<Long> times = new ArrayList<>();
            try (var ps = c.prepareStatement("SELECT at_ms, events FROM rate_bucket WHERE agent_id = ?"
                    + " AND kind = 'action'")) {
                ps.setString(1, SUPPORT);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        for (long i = 0; i < rs.getLong(2); i++) {
                            times.add(rs.getLong(1));
                        }
                    }
                }
            }
            return times;
        });
    }
}
