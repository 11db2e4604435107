package dev.arbiter.telemetry;

import java.io.IOException;

/**
 * Where the continuous SIEM export sends lines. {@link #lastSeq()} is where a restarted tail resumes;
 * {@link #commit(long)} is called after each batch, once its lines are written and flushed.
 */
interface TailSink extends AutoCloseable {

    /** The seq of the last entry this sink holds for certain (0 when none). */
    long lastSeq() throws IOException;

    /** Sends one entry's line. */
    void send(long seq, String line) throws IOException;

    /** Makes everything sent so far durable and records {@code seq} as the last exported. */
    void commit(long seq) throws IOException;

    @Override
    void close() throws IOException;
}
