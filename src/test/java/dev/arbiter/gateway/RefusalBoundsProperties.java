package dev.arbiter.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.token.RefusalSummary;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever refused traffic arrives (any number of sources, reasons, request
 * lines of any length), the throttle and the digest keep bounded state, the
 * ledger gets a bounded number of bounded entries, and every refusal is
 * counted exactly once.
 */
class RefusalBoundsProperties {

    record Refused(String source, String reason, String request) {
    }

    @Provide
    Arbitrary<List<Refused>> floods() {
        Arbitrary<String> sources = Arbitraries.oneOf(Arbitraries.of("127.0.0.1", "::1"),
                Arbitraries.integers().between(0, 5000).map(i -> "10.0." + (i / 256) + "." + (i % 256)));
        Arbitrary<String> reasons = Arbitraries.oneOf(Arbitraries.of("no bearer token", "unknown token",
                "foreign Host", "Origin header (a browser, not an agent)"), Arbitraries.strings().ofMaxLength(400));
        Arbitrary<String> requests = Arbitraries.strings().ofMaxLength(600).map(p -> "GET /" + p);
        return Combinators.combine(sources, reasons, requests).as(Refused::new).list().ofMaxSize(1500);
    }

    @Property(tries = 25)
    void theDigestCountsEveryRefusalOnceInBoundedEntries(@ForAll("floods") List<Refused> flood,
            @ForAll @IntRange(min = 1, max = 50) int maxSources) {
        List<RefusalSummary> written = new ArrayList<>();
        RefusalDigest digest = new RefusalDigest(s -> {
            written.add(s);
            return CompletableFuture.completedFuture(null);
        }, Duration.ofHours(1), maxSources, Clock.systemUTC());
        for (Refused r : flood) {
            digest.record(r.source(), new RefusalSummary.Sample(r.reason(), null, null, r.request()), false);
        }
        digest.flushAll().join();

        assertThat(written).hasSizeLessThanOrEqualTo(maxSources + 1);
        assertThat(written.stream().mapToLong(RefusalSummary::count).sum()).isEqualTo(flood.size());
        for (RefusalSummary s : written) {
            assertThat(s.samples()).hasSizeLessThanOrEqualTo(RefusalSummary.MAX_SAMPLES);
            assertThat(s.reasons()).hasSizeLessThanOrEqualTo(RefusalSummary.MAX_REASONS + 1);
            assertThat(s.reasons().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(s.count());
            assertThat(s.source().length()).isLessThanOrEqualTo(RefusalSummary.MAX_TEXT);
            s.reasons().keySet().forEach(k -> assertThat(k.length()).isLessThanOrEqualTo(RefusalSummary.MAX_TEXT));
            s.samples().forEach(sample -> assertThat(sample.request().length())
                    .isLessThanOrEqualTo(RefusalSummary.MAX_TEXT));
        }
    }

    @Property(tries = 25)
    void theThrottleKeepsBoundedStateAndAdmitsAtMostItsAllowance(@ForAll("floods") List<Refused> flood,
            @ForAll @IntRange(min = 1, max = 30) int burst, @ForAll @IntRange(min = 1, max = 64) int maxSources) {
        AtomicLong now = new AtomicLong();
        RefusalThrottle throttle = new RefusalThrottle(burst, 5, maxSources, now::get);
        java.util.Map<String, Integer> admitted = new java.util.HashMap<>();
        for (Refused r : flood) {
            now.addAndGet(1_000_000); // 1 ms apart: the whole flood within a few seconds
            long wait = throttle.admit(r.source());
            if (wait == 0) {
                admitted.merge(r.source(), 1, Integer::sum);
            } else {
                assertThat(wait).isBetween(1L, (long) Math.ceil(1 / 5.0) + 1);
            }
            assertThat(throttle.sources()).isLessThanOrEqualTo(maxSources + 1);
        }
        double seconds = flood.size() / 1000.0;
        long allowance = (long) Math.floor(burst + seconds * 5) + 1;
        admitted.values().forEach(n -> assertThat((long) n).isLessThanOrEqualTo(allowance * (maxSources + 1)));
        assertThat(admitted.getOrDefault("127.0.0.1", 0).longValue()).isLessThanOrEqualTo(allowance * 2);
    }
}
