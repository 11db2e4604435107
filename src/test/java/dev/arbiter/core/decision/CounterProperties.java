package dev.arbiter.core.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.policy.RateLimits;
import dev.arbiter.core.store.Database;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Positive;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Properties of the shared counters (issue 12 §2), on a real SQLite file:
 * sums saturate and never wrap, whatever the inputs; a rate window under
 * changing limits accepts exactly what a plain model of "fewer than the
 * current limit accepted in the last minute" accepts.
 */
class CounterProperties {

    private static Path dir;
    private static Database database;
    private static final AtomicInteger agents = new AtomicInteger();
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("arbiter-counters");
        database = Database.open(dir.resolve("arbiter.db"));
    }

    @AfterContainer
    static void close() throws IOException {
        database.close();
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Property
    void longAdditionSaturatesAndNeverWraps(@ForAll("counts") long a, @ForAll("counts") long b) {
        long sum = Saturating.add(a, b);
        BigInteger exact = BigInteger.valueOf(a).add(BigInteger.valueOf(b));
        assertThat(BigInteger.valueOf(sum)).isEqualTo(exact.min(MAX));
        assertThat(sum).isGreaterThanOrEqualTo(Math.max(a, b));
    }

    @Property
    void anyReportedAmountBecomesASafeIncrement(@ForAll Long tokens, @ForAll Double usd) {
        assertThat(Saturating.tokens(tokens)).isNotNegative();
        double inc = Saturating.usd(usd);
        assertThat(Double.isFinite(inc) && inc >= 0).isTrue();
        if (usd != null && usd == Double.POSITIVE_INFINITY) {
            assertThat(inc).isEqualTo(Double.MAX_VALUE); // infinity is over every budget, never free
        }
    }

    @Property(tries = 60)
    void theStoredDailySpendIsTheSaturatedSumOfItsIncrements(
            @ForAll @Size(min = 1, max = 12) List<@From("counts") Long> increments,
            @ForAll @Size(min = 1, max = 12) List<@From("dollars") Double> dollars) {
        String agent = "agent-" + agents.incrementAndGet();
        BigInteger exact = BigInteger.ZERO;
        double usd = 0;
        Spent last = null;
        for (int i = 0; i < Math.max(increments.size(), dollars.size()); i++) {
            long t = i < increments.size() ? increments.get(i) : 0;
            double d = i < dollars.size() ? Saturating.usd(dollars.get(i)) : 0;
            exact = exact.add(BigInteger.valueOf(t));
            usd = Saturating.add(usd, d);
            last = database.write(tx -> CounterStore.addSpend(tx.connection(), agent, "2026-03-16", t, d));
            assertThat(BigInteger.valueOf(last.tokens())).isEqualTo(exact.min(MAX));
            assertThat(last.costUsd()).isFinite().isGreaterThanOrEqualTo(0);
        }
        assertThat(last.costUsd()).isCloseTo(usd, org.assertj.core.data.Percentage.withPercentage(1e-6));
    }

    /** One step of an agent's traffic: time passes, the policy's limit may change, an action is asked for. */
    record Step(long afterMillis, int limit) {
    }

    @Property(tries = 80)
    void aWindowUnderChangingLimitsAcceptsExactlyWhatTheModelAccepts(
            @ForAll @Size(min = 1, max = 40) List<@From("steps") Step> steps) {
        String agent = "agent-" + agents.incrementAndGet();
        RateLimiter limiter = new RateLimiter();
        List<Long> accepted = new ArrayList<>();
        long now = 1_700_000_000_000L;
        for (Step step : steps) {
            now += step.afterMillis();
            long at = now;
            long inWindow = accepted.stream().filter(t -> at - t < RateLimiter.MINUTE).count();
            boolean expected = inWindow < step.limit();
            boolean actual = database.write(tx -> limiter.tryAction(new CounterView(tx.connection(),
                    RateWindowBatch.of(tx, limiter), agent, java.time.Instant.ofEpochMilli(at), Spent.NONE),
                    new RateLimits(step.limit(), null), false));
            assertThat(actual).as("at +%d ms with limit %d and %d in the window", at, step.limit(), inWindow)
                    .isEqualTo(expected);
            if (actual) {
                accepted.add(at);
            }
        }
    }

    @Provide
    Arbitrary<Long> counts() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, Long.MAX_VALUE),
                Arbitraries.of(0L, 1L, Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MAX_VALUE / 2 + 1),
                Arbitraries.longs().between(0, 1_000_000));
    }

    @Provide
    Arbitrary<Double> dollars() {
        return Arbitraries.oneOf(Arbitraries.doubles().between(0, 1e6),
                Arbitraries.of(Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NaN, -1.0, 1e308));
    }

    @Provide
    Arbitrary<Step> steps() {
        return Combinators.combine(
                Arbitraries.oneOf(Arbitraries.longs().between(0, 20_000), Arbitraries.of(0L, 59_999L, 60_000L)),
                Arbitraries.integers().between(1, 6)).as(Step::new);
    }

    @Property
    void limitsOfZeroOrLessAcceptNothing(@ForAll @Positive int unused) {
        String agent = "agent-" + agents.incrementAndGet();
        RateLimiter limiter = new RateLimiter();
        boolean accepted = database.write(tx -> limiter.tryAction(new CounterView(tx.connection(),
                RateWindowBatch.of(tx, limiter), agent, java.time.Instant.ofEpochMilli(1_700_000_000_000L),
                Spent.NONE), new RateLimits(0, null), false));
        assertThat(accepted).isFalse();
    }
}
