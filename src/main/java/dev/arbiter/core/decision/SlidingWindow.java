package dev.arbiter.core.decision;

/**
 * At most {@code limit} events in any {@code windowMillis}: the times of the
 * last {@code limit} accepted events in a ring. An event is accepted when
 * fewer than {@code limit} were accepted in the window before it, that is when
 * the oldest remembered one has left the window. Exact (no bucket edges an
 * agent could burst across) and O(1) per event.
 */
final class SlidingWindow {

    private final int limit;
    private final long windowMillis;
    private final long[] times;
    private int size;
    private int oldest;

    SlidingWindow(int limit, long windowMillis) {
        if (limit < 1) {
            throw new IllegalArgumentException("a sliding window needs a limit of at least 1");
        }
        this.limit = limit;
        this.windowMillis = windowMillis;
        this.times = new long[limit];
    }

    int limit() {
        return limit;
    }

    /** Records an event at {@code nowMillis} if the limit allows it; false (and nothing recorded) if not. */
    synchronized boolean tryAcquire(long nowMillis) {
        if (size < limit) {
            times[(oldest + size) % limit] = nowMillis;
            size++;
            return true;
        }
        if (nowMillis - times[oldest] >= windowMillis) {
            times[oldest] = nowMillis;
            oldest = (oldest + 1) % limit;
            return true;
        }
        return false;
    }

    /** How many accepted events are still inside the window at {@code nowMillis}. */
    synchronized int count(long nowMillis) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (nowMillis - times[(oldest + i) % limit] < windowMillis) {
                n++;
            }
        }
        return n;
    }
}
