package dev.arbiter.gateway;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A byte budget shared by every request body the MCP HTTP front holds, from its first byte until the
 * request is answered (a held call keeps its message until a reviewer decides). A body that would take
 * the total over {@link #capacity()} is refused (503) instead of read, so a flood of large or slow bodies
 * cannot run the process out of memory however many connections it opens. The last
 * {@code headroom} bytes are kept for bodies of at most {@code smallBody} bytes, so large bodies
 * alone can never refuse an ordinary call.
 */
final class BodyBudget {

    private final long capacity;
    private final long headroom;
    private final long smallBody;
    private final AtomicLong used = new AtomicLong();

    /**
     * @param capacity  bytes held at most, more than {@code headroom} plus one largest body
     * @param headroom  bytes only small bodies may use
     * @param smallBody bytes: a body no larger is small
     */
    BodyBudget(long capacity, long headroom, long smallBody) {
        this.capacity = capacity;
        this.headroom = headroom;
        this.smallBody = smallBody;
    }

    long capacity() {
        return capacity;
    }

    /** Bytes held now. */
    long used() {
        return used.get();
    }

    /** A new, empty claim on the budget. */
    Lease lease() {
        return new Lease();
    }

    /** One body's share; {@link #close()} gives it back (idempotent). Not thread-safe: one request's. */
    final class Lease implements AutoCloseable {
        private long held;

        /**
         * Takes {@code bytes} more for a body that will then be {@code bodySize} bytes; false (nothing
         * taken) when the budget cannot cover them.
         */
        boolean grow(long bytes, long bodySize) {
            long limit = bodySize > smallBody ? capacity - headroom : capacity;
            long now;
            do {
                now = used.get();
                if (now + bytes > limit) {
                    return false;
                }
            } while (!used.compareAndSet(now, now + bytes));
            held += bytes;
            return true;
        }

        @Override
        public void close() {
            used.addAndGet(-held);
            held = 0;
        }
    }
}
