package dev.arbiter.core.evidence;

import dev.arbiter.core.evidence.ZipDirectory.Malformed;
import dev.arbiter.core.evidence.ZipDirectory.Member;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One file of a bundle's zip ({@link ZipDirectory}), read from the zip at its own position (so several files can be
 * read at once from one channel), inflated, and checked at its end: its data must be exactly one deflate stream (or
 * the stored bytes) that ends at its compressed size and gives exactly its size with its CRC-32, else reading fails
 * with a {@link Malformed}. Not thread-safe: one reader a file.
 */
final class ZipMember extends InputStream {

    /** How much compressed data is read from the zip at a time, in bytes. */
    private static final int READ_AHEAD = 64 * 1024;

    private final FileChannel channel;
    private final Member m;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final ByteBuffer input = ByteBuffer.allocate(READ_AHEAD);
    /** Compressed bytes read from the channel so far. */
    private long read;
    /** Bytes handed out so far. */
    private long produced;
    private boolean done;

    ZipMember(FileChannel channel, Member m) {
        this.channel = channel;
        this.m = m;
        input.limit(0);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (done) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int n = m.method() == 0 ? stored(b, off, len) : inflated(b, off, len);
        if (n < 0) {
            done = true;
            if (produced != m.size() || crc.getValue() != m.crc()) {
                throw new Malformed(m.name() + " does not inflate to the size and CRC-32 its zip record "
                        + "gives: the bundle was altered.");
            }
            return -1;
        }
        produced += n;
        crc.update(b, off, n);
        return n;
    }

    private int stored(byte[] b, int off, int len) throws IOException {
        long left = m.compressedSize() - read;
        if (left == 0) {
            return -1;
        }
        int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, left)), m.dataOffset() + read);
        if (n < 0) {
            throw new Malformed(m.name() + " is cut short.");
        }
        read += n;
        return n;
    }

    private int inflated(byte[] b, int off, int len) throws IOException {
        try {
            while (true) {
                if (inflater.finished()) {
                    if (inflater.getRemaining() != 0 || read != m.compressedSize()) {
                        throw new Malformed(m.name() + "'s deflate stream ends before its compressed size in "
                                + "the zip: the bytes after it are bound by nothing signed.");
                    }
                    return -1;
                }
                int n = inflater.inflate(b, off, len);
                if (n > 0) {
                    return n;
                }
                if (inflater.needsDictionary()) {
                    throw new Malformed(m.name() + " is not a plain deflate stream.");
                }
                if (inflater.needsInput()) {
                    long left = m.compressedSize() - read;
                    if (left == 0) {
                        throw new Malformed(m.name() + "'s deflate stream does not end within its compressed "
                                + "size: the bundle was cut or altered.");
                    }
                    input.clear().limit((int) Math.min(input.capacity(), left));
                    int got = channel.read(input, m.dataOffset() + read);
                    if (got < 0) {
                        throw new Malformed(m.name() + " is cut short.");
                    }
                    read += got;
                    input.flip();
                    inflater.setInput(input);
                }
            }
        } catch (DataFormatException e) {
            throw new Malformed(m.name() + " is not a valid deflate stream: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        inflater.end();
    }
}
