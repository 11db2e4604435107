package dev.arbiter.core.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    private final Path file;

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
            String[] parts = Files.readString(file, StandardCharsets.UTF_8).trim().split("\\s+");
            return Optional.of(new Head(Long.parseLong(parts[0]), parts[1]));
        } catch (IOException | RuntimeException e) {
            return Optional.of(new Head(-1, "unreadable"));
        }
    }

    /** Moves the anchor forward; never backward (another process may have written a later head). */
    public synchronized void advance(Head head) throws IOException {
        Optional<Head> current = read();
        if (current.isPresent() && current.get().seq() >= head.seq()) {
            return;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, head.seq() + " " + head.hash() + "\n", StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
