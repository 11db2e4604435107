package dev.arbiter.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * How often one source may be refused before it is only told to wait: a token
 * bucket per source (an IP address) of {@code burst} refusals, refilled at
 * {@code perSecond}. Past that, a refusal is answered 429 with
 * {@code Retry-After} (gateway-api.md, "Hostile traffic"), which costs no token
 * check result and no detail in the ledger.
 *
 * <p>Only refusals draw from the bucket: a request with a valid token is never
 * throttled here, so an agent sharing 127.0.0.1 with a hostile web page keeps
 * its answers. At most {@code maxSources} buckets are kept; when full, idle
 * (refilled) ones are dropped, and if none is idle every further new source
 * shares one overflow bucket, so memory stays bounded under any spread of
 * addresses.
 */
final class RefusalThrottle {

    static final String OVERFLOW = "other sources";

    private final int burst;
    private final double perSecond;
    private final int maxSources;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * @param burst      refusals a source may get at once, ≥ 1
     * @param perSecond  refill rate in refusals per second, > 0
     * @param maxSources buckets kept at most, ≥ 1
     * @param nanoTime   a monotonic clock in nanoseconds ({@code System::nanoTime})
     */
    RefusalThrottle(int burst, double perSecond, int maxSources, LongSupplier nanoTime) {
        if (burst < 1 || !(perSecond > 0) || maxSources < 1) {
            throw new IllegalArgumentException("burst ≥ 1, perSecond > 0 and maxSources ≥ 1 are needed");
        }
        this.burst = burst;
        this.perSecond = perSecond;
        this.maxSources = maxSources;
        this.nanoTime = nanoTime;
    }

    /**
     * Takes one refusal from {@code source}'s bucket.
     *
     * @return 0 when this refusal may be answered as itself, else the whole
     *         seconds (≥ 1) the source should wait, for {@code Retry-After}
     */
    long admit(String source) {
        Bucket bucket = buckets.get(source);
        if (bucket == null) {
            bucket = buckets.computeIfAbsent(room() ? source : OVERFLOW, k -> new Bucket(burst, nanoTime.getAsLong()));
        }
        return bucket.take(nanoTime.getAsLong());
    }

    /** Sources tracked now (bounded by {@code maxSources} plus the overflow bucket). */
    int sources() {
        return buckets.size();
    }

    private boolean room() {
        if (buckets.size() < maxSources) {
            return true;
        }
        long now = nanoTime.getAsLong();
        buckets.entrySet().removeIf(e -> !e.getKey().equals(OVERFLOW) && e.getValue().isFull(now));
        return buckets.size() < maxSources;
    }

    private final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }

        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
            last = now;
        }
    }
}
