package dev.arbiter.gateway;

import dev.arbiter.core.token.RefusalSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Gathers refused requests into one {@link RefusalSummary} per source and
 * window, handed to the ledger when the window ends (issue 13 §1: "one entry
 * per source and window with a count and samples"). Bounded whatever arrives:
 * at most {@code maxSources} open windows (further sources share the
 * {@link RefusalThrottle#OVERFLOW} one), {@link RefusalSummary#MAX_REASONS}
 * reason counts and {@link RefusalSummary#MAX_SAMPLES} samples (the first of
 * each reason) each, so a flood of any size or spread costs a fixed amount of
 * memory and at most {@code maxSources + 1} entries a window.
 *
 * <p>Thread-safe. {@link #flushEnded()} is called by the server's scheduler;
 * {@link #flushAll()} on shutdown, so nothing counted is lost on a clean stop.
 */
final class RefusalDigest {

    private final Function<RefusalSummary, CompletableFuture<?>> sink;
    private final Duration window;
    private final int maxSources;
    private final Clock clock;
    private final Map<String, Open> open = new HashMap<>();

    /**
     * @param sink       receives each finished summary (the ledger) and says when it is written; must not block
     * @param window     how long one entry gathers refusals, > 0
     * @param maxSources open windows kept at most, ≥ 1
     */
    RefusalDigest(Function<RefusalSummary, CompletableFuture<?>> sink, Duration window, int maxSources, Clock clock) {
        this.sink = sink;
        this.window = window;
        this.maxSources = maxSources;
        this.clock = clock;
    }

    /** Counts one refusal of {@code source}; {@code throttled} when it was answered 429. */
    void record(String source, RefusalSummary.Sample sample, boolean throttled) {
        synchronized (open) {
            String key = open.containsKey(source) || open.size() < maxSources ? source : RefusalThrottle.OVERFLOW;
            open.computeIfAbsent(key, k -> new Open(clock.instant())).add(sample, throttled);
        }
    }

    /** Hands over every window that has ended. */
    void flushEnded() {
        flush(clock.instant().minus(window));
    }

    /** Hands over every window, ended or not (on shutdown); completes when the ledger has them. */
    CompletableFuture<Void> flushAll() {
        return flush(Instant.MAX);
    }

    private CompletableFuture<Void> flush(Instant startedBefore) {
        List<RefusalSummary> done = new ArrayList<>();
        Instant now = clock.instant();
        synchronized (open) {
            open.entrySet().removeIf(e -> {
                if (e.getValue().from.isBefore(startedBefore) || startedBefore.equals(Instant.MAX)) {
                    done.add(e.getValue().summary(e.getKey(), now));
                    return true;
                }
                return false;
            });
        }
        return CompletableFuture.allOf(done.stream().map(sink).toArray(CompletableFuture[]::new));
    }

    /** One source's window being gathered. */
    private static final class Open {
        final Instant from;
        long count;
        long throttled;
        final Map<String, Long> reasons = new LinkedHashMap<>();
        final List<RefusalSummary.Sample> samples = new ArrayList<>(RefusalSummary.MAX_SAMPLES);

        Open(Instant from) {
            this.from = from;
        }

        void add(RefusalSummary.Sample sample, boolean wasThrottled) {
            count++;
            if (wasThrottled) {
                throttled++;
            }
            boolean newReason = !reasons.containsKey(sample.reason());
            if (newReason && reasons.size() >= RefusalSummary.MAX_REASONS) {
                reasons.merge("other", 1L, Long::sum);
                return;
            }
            reasons.merge(sample.reason(), 1L, Long::sum);
            if (newReason && samples.size() < RefusalSummary.MAX_SAMPLES) {
                samples.add(sample);
            }
        }

        RefusalSummary summary(String source, Instant to) {
            return new RefusalSummary(source, from, to, count, throttled, reasons, samples);
        }
    }
}
