package dev.arbiter.core.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts an entries file into blocks of whole lines of about {@code block} bytes, for {@link BlockHasher}. A block
 * grows, up to {@value #MAX_LINE} bytes, to hold one long line; the last block may end without a line feed, and is
 * then marked {@link Block#unterminated()}.
 *
 * <p>With {@code reuse}, a block's bytes are valid only until the next call (one buffer is refilled: no 1 MB
 * allocation a block, which G1 treats as a humongous object); without, every block has its own array, for blocks
 * handed to other threads.
 */
final class LineBlocks {

    /** The usual size of a block, in bytes. */
    static final int BLOCK = 1 << 20;
    /** The longest line an entries file may hold, in bytes: no ledger entry comes near it. */
    static final int MAX_LINE = 16 << 20;

    /** A block of whole lines, {@code data[0, length)}; {@code unterminated}: its last line has no line feed. */
    record Block(byte[] data, int length, boolean unterminated) {
    }

    private final InputStream in;
    private final int block;
    private final boolean reuse;
    private byte[] buf;
    private int filled;
    /** With {@code reuse}: where the bytes after the block last returned start, to be moved to the front. */
    private int consumed;
    private boolean ended;

    /**
     * @param block the size of a block in bytes, at least 1 (tests use a few bytes, to put block edges everywhere)
     */
    LineBlocks(InputStream in, int block, boolean reuse) {
        this.in = in;
        this.block = block;
        this.reuse = reuse;
        this.buf = new byte[block];
    }

    /**
     * The next block, null after the last.
     *
     * @throws IOException when the stream cannot be read, or holds a line longer than {@value #MAX_LINE} bytes
     */
    Block next() throws IOException {
        if (consumed > 0) {
            System.arraycopy(buf, consumed, buf, 0, filled);
            consumed = 0;
        }
        while (!ended) {
            int n;
            try {
                n = in.read(buf, filled, buf.length - filled);
            } catch (IOException e) {
                throw new IOException("The entries file cannot be read: " + e.getMessage(), e);
            }
            if (n < 0) {
                ended = true;
                return filled == 0 ? null : new Block(buf, filled, buf[filled - 1] != '\n');
            }
            filled += n;
            if (filled < buf.length) {
                continue; // an inflating stream returns a little at a time: hand over full blocks only
            }
            int last = lastNewline(buf, filled);
            if (last < 0) {
                if (buf.length >= MAX_LINE) {
                    throw new IOException("A line of the entries file is longer than " + (MAX_LINE >> 20)
                            + " MB: it is not a ledger entry.");
                }
                buf = Arrays.copyOf(buf, Math.min(MAX_LINE, buf.length * 2));
                continue;
            }
            Block whole = new Block(buf, last + 1, false);
            filled -= last + 1;
            if (reuse) {
                consumed = last + 1;
            } else {
                byte[] next = new byte[Math.max(block, filled)];
                System.arraycopy(buf, last + 1, next, 0, filled);
                buf = next;
            }
            return whole;
        }
        return null;
    }

    private static int lastNewline(byte[] b, int filled) {
        for (int i = filled - 1; i >= 0; i--) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
