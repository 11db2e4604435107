package dev.arbiter.mcp;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The server-initiated messages of one HTTP session, for its GET stream (MCP
 * 2025-11-25 "Transports: listening for messages from the server" and
 * "resumability"): numbered in order, kept so that a client reconnecting with
 * {@code Last-Event-ID} gets what it missed. Bounded: the newest
 * {@value #MAX_EVENTS} events and {@value #MAX_BYTES} bytes at most; older
 * ones are dropped (a reader that fell behind skips them, and is told how
 * many in the log). An event larger than {@value #MAX_BYTES} bytes is refused
 * ({@link #add} answers -1) and goes where messages went before there was a
 * GET stream: an open request's stream, or nowhere.
 */
final class SessionEvents {

    static final int MAX_EVENTS = 256;
    static final long MAX_BYTES = 1024 * 1024;

    /** One message and its number (the SSE event id), from 1. */
    record Event(long seq, byte[] data) {
    }

    private final ArrayDeque<Event> events = new ArrayDeque<>();
    private long bytes;
    private long lastSeq;

    /** Keeps {@code message}; its number, or -1 when it is too large to keep. */
    synchronized long add(byte[] message) {
        if (message.length > MAX_BYTES) {
            return -1;
        }
        while (!events.isEmpty() && (events.size() >= MAX_EVENTS || bytes + message.length > MAX_BYTES)) {
            bytes -= events.removeFirst().data().length;
        }
        Event event = new Event(++lastSeq, message);
        events.addLast(event);
        bytes += message.length;
        notifyAll();
        return event.seq();
    }

    /** The number of the newest event (0 before the first). */
    synchronized long lastSeq() {
        return lastSeq;
    }

    /** Bytes kept now, at most {@value #MAX_BYTES}. */
    synchronized long bytes() {
        return bytes;
    }

    /**
     * The first event after number {@code after}, waiting up to {@code waitNanos}
     * for one; null when none came or {@code stop} says to stop. An event
     * already dropped is skipped.
     */
    synchronized Event next(long after, long waitNanos, BooleanSupplier stop) throws InterruptedException {
        long deadline = System.nanoTime() + waitNanos;
        while (!stop.getAsBoolean()) {
            for (Event event : events) {
                if (event.seq() > after) {
                    return event;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return null;
    }

    /** Wakes readers waiting in {@link #next} (to see that they should stop). */
    synchronized void wake() {
        notifyAll();
    }
}
