package dev.arbiter.mcp;

import java.io.IOException;
import java.io.OutputStream;

/**
 * One direction of a stdio connection: whole messages, one per line, written
 * by one thread at a time so that messages never interleave. Blocking and
 * unbuffered beyond the stream's own buffer: nothing piles up in memory.
 */
final class LineWire implements Wire {

    private final OutputStream out;
    private volatile boolean broken;

    LineWire(OutputStream out) {
        this.out = out;
    }

    @Override
    public synchronized boolean send(byte[] message) {
        if (broken) {
            return false;
        }
        try {
            out.write(message);
            out.write('\n');
            out.flush();
            return true;
        } catch (IOException e) {
            broken = true;
            return false;
        }
    }

    boolean broken() {
        return broken;
    }

    synchronized void close() {
        broken = true;
        try {
            out.close();
        } catch (IOException e) {
            // already closed by the other side
        }
    }
}
