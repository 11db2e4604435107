package dev.arbiter.mcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the stdio transport's frames: one JSON-RPC message per line (MCP
 * forbids embedded newlines). Bounded: a line longer than the limit is
 * skipped to its end and reported, never buffered whole, so a flood on stdin
 * cannot exhaust memory.
 */
final class FrameReader {

    /** The largest message accepted, in bytes (a tool result may carry a whole file). */
    static final int MAX_FRAME_BYTES = 32 * 1024 * 1024;

    /** One read: a frame, a line that was too long, or the end of the stream. */
    sealed interface Read permits Frame, TooLong, End {
    }

    record Frame(byte[] bytes) implements Read {
    }

    record TooLong(long bytes) implements Read {
    }

    record End() implements Read {
    }

    private final InputStream in;
    private final int limit;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int filled;

    FrameReader(InputStream in) {
        this(in, MAX_FRAME_BYTES);
    }

    FrameReader(InputStream in, int limit) {
        this.in = in;
        this.limit = limit;
    }

    /** The next non-blank line (without its line ending), blocking until one arrives. */
    Read next() throws IOException {
        while (true) {
            Read read = line();
            if (!(read instanceof Frame frame) || !isBlank(frame.bytes())) {
                return read;
            }
        }
    }

    /** The next line, blank or not (SSE events end with a blank line). */
    Read nextLine() throws IOException {
        return line();
    }

    private Read line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long length = 0;
        boolean tooLong = false;
        while (true) {
            if (position == filled) {
                filled = in.read(buffer);
                position = 0;
                if (filled <= 0) {
                    filled = 0;
                    if (tooLong) {
                        return new TooLong(length);
                    }
                    return length == 0 ? new End() : new Frame(strip(line.toByteArray()));
                }
            }
            int start = position;
            while (position < filled && buffer[position] != '\n') {
                position++;
            }
            int chunk = position - start;
            length += chunk;
            if (!tooLong && length > limit) {
                tooLong = true;
                line = new ByteArrayOutputStream(); // drop what we had; the rest of the line is skipped
            }
            if (!tooLong) {
                line.write(buffer, start, chunk);
            }
            if (position < filled) {
                position++; // the newline
                return tooLong ? new TooLong(length) : new Frame(strip(line.toByteArray()));
            }
        }
    }

    private static byte[] strip(byte[] bytes) {
        int end = bytes.length;
        if (end > 0 && bytes[end - 1] == '\r') {
            return java.util.Arrays.copyOf(bytes, end - 1);
        }
        return bytes;
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
