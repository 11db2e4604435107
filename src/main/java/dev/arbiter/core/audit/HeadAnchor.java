package dev.arbiter.core.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The ledger's head, kept outside the database in {@code ledger.head}.
 *
 * <p>A hash chain alone proves that no entry was changed, removed or moved
 * between the first and the last entry, but not that the last entry is still
 * there: cutting off the tail leaves a shorter chain that verifies. So after
 * every commit the newest {@code seq} and {@code hash} are written to a file
 * beside the database; the verifier demands that the entry it names still
 * exists with that hash. The file is written after the commit, so it may lag
 * the database by a batch after a crash (it is a lower bound), but it never
 * names an entry that was not committed. Someone who can rewrite both the
 * database and this file can forge anything; keeping the file on other storage
 * (or signing it) is the upgrade path, and the design does not change.
 */
public final class HeadAnchor {

    /** A position in the chain. */
    public record Head(long seq, String hash) {
    }

    private static final int RECORD_LENGTH = 20 + 1 + 64 + 1;

    private final Path file;
    private FileChannel channel;

    public HeadAnchor(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public synchronized Optional<Head> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            return Optional.of(new Head(-1, "unreadable"));
        }
    }

    /**
     * Moves the anchor forward; never backward (another process may have written
     * a later head). The record has a fixed length and is rewritten in place with
     * one small write, which costs microseconds on every commit; a rename per
     * commit cost more than the commit itself.
     */
    public synchronized void advance(Head head) throws IOException {
        if (channel == null) {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        }
        ByteBuffer current = ByteBuffer.allocate(RECORD_LENGTH);
        channel.read(current, 0);
        if (current.position() == RECORD_LENGTH) {
            try {
                if (parse(new String(current.array(), StandardCharsets.US_ASCII)).seq() >= head.seq()) {
                    return;
                }
            } catch (RuntimeException unreadable) {
                // overwrite a damaged record with the current head
            }
        }
        byte[] record = String.format("%020d %s\n", head.seq(), head.hash()).getBytes(StandardCharsets.US_ASCII);
        channel.write(ByteBuffer.wrap(record), 0);
    }

    /** Releases the file handle. */
    public synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to lose: every record was written when it was advanced
            }
            channel = null;
        }
    }

    private static Head parse(String text) {
        String[] parts = text.trim().split("\\s+");
        return new Head(Long.parseLong(parts[0]), parts[1]);
    }
}
