package dev.arbiter.bench;

import java.util.Arrays;

/** Collects latency samples (nanoseconds) and reports percentiles. Not thread-safe: one per thread, then merge. */
public final class Latencies {

    private long[] samples = new long[1024];
    private int size;

    public void record(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    public void addAll(Latencies other) {
        for (int i = 0; i < other.size; i++) {
            record(other.samples[i]);
        }
    }

    public int count() {
        return size;
    }

    /** The value below which {@code p} percent of samples fall (nearest rank). */
    public long percentile(double p) {
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }

    /** "p50 0.41 ms · p95 … · p99 … · max …" */
    public String summary() {
        return "p50 " + ms(percentile(50)) + " · p95 " + ms(percentile(95)) + " · p99 " + ms(percentile(99))
                + " · max " + ms(percentile(100));
    }

    public static String ms(long nanos) {
        return nanos < 1_000_000 ? String.format("%.1f µs", nanos / 1_000.0) : String.format("%.2f ms", nanos / 1e6);
    }
}
