package dev.arbiter.core.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * Entries in a sliding time window, kept in one-second buckets so memory is bounded by the window's
 * length in seconds whatever the rate: a count, a sum, and the first entry still inside.
 */
final class SlidingCount {

    private static final class Bucket {
        final long second;
        long count;
        double sum;
        final long firstSeq;
        final Instant firstAt;

        Bucket(long second, long firstSeq, Instant firstAt) {
            this.second = second;
            this.firstSeq = firstSeq;
            this.firstAt = firstAt;
        }
    }

    private final ArrayDeque<Bucket> buckets = new ArrayDeque<>();
    private long count;
    private double sum;

    /** Adds an entry ({@code value} counts toward {@link #sum}) and drops what fell out of {@code window}. */
    void add(Instant at, long seq, double value, Duration window) {
        long second = at.getEpochSecond();
        Bucket last = buckets.peekLast();
        if (last == null || last.second < second) {
            last = new Bucket(second, seq, at);
            buckets.addLast(last);
        }
        // an entry older than the newest bucket (clock step) joins the newest: never lost, never reordered
        last.count++;
        last.sum += value;
        count++;
        sum += value;
        evict(second, window);
    }

    private void evict(long nowSecond, Duration window) {
        long oldest = nowSecond - window.toSeconds();
        while (!buckets.isEmpty() && buckets.peekFirst().second <= oldest) {
            Bucket gone = buckets.removeFirst();
            count -= gone.count;
            sum -= gone.sum;
        }
        if (buckets.isEmpty()) {
            sum = 0;
        }
    }

    void clear() {
        buckets.clear();
        count = 0;
        sum = 0;
    }

    long count() {
        return count;
    }

    double sum() {
        return sum;
    }

    long firstSeq() {
        return buckets.isEmpty() ? 0 : buckets.peekFirst().firstSeq;
    }

    Instant firstAt() {
        return buckets.isEmpty() ? null : buckets.peekFirst().firstAt;
    }
}
