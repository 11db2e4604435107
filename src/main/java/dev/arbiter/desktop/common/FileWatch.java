package dev.arbiter.desktop.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows what a screen shows from files rather than the database (the playbooks folder, the saved database
 * URL), which no change notice covers: another process, or another screen of this one, may write them. Every
 * {@link #PERIOD} it looks at the file or folder's listing (names, sizes, modification times; no content is
 * read) on a daemon thread shared by every watch, never on the UI thread, and calls {@code changed} from
 * that thread when the listing differs from the one before: the caller hands that to its {@link Following}.
 * A folder or file that cannot be looked at counts as a listing of its own ("absent"), so its coming back is
 * a change too.
 */
public final class FileWatch implements AutoCloseable {

    /** How often a watch looks: often enough for a person to see the change without a refresh, cheap enough to idle. */
    public static final Duration PERIOD = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(FileWatch.class);
    private static final ScheduledExecutorService LOOKER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "arbiter-file-watch");
        t.setDaemon(true);
        return t;
    });

    private final Path path;
    private final Runnable changed;
    private final ScheduledFuture<?> looking;
    /** The listing seen last, null before the first look; only the looker thread touches it. */
    private List<String> last;

    /**
     * Starts watching. The first look, at once on the watch's thread, counts as a change (the screen may
     * have read the files before it, and a change in between would otherwise go unseen); each later one
     * compares with the look before.
     *
     * @param path    a folder (its entries are listed) or a file
     * @param period  the time between two looks (positive; {@link #PERIOD} in the desktop)
     * @param changed called on the watch's thread when the listing changed; must not block
     */
    public FileWatch(Path path, Duration period, Runnable changed) {
        this.path = path;
        this.changed = changed;
        this.looking = LOOKER.scheduleWithFixedDelay(this::look, 0, period.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void look() {
        try {
            List<String> now = listing();
            if (!now.equals(last)) {
                last = now;
                changed.run();
            }
        } catch (RuntimeException e) {
            // the next look tries again; a watch that stopped for good would leave the screen stale unseen
            LOG.warn("Looking at {} for changes failed: {}", path, e.getMessage());
        }
    }

    /** Each entry's name, size and modification time, by name; for a file, its own. */
    private List<String> listing() {
        try {
            if (!Files.isDirectory(path)) {
                return List.of(entry(path));
            }
            try (Stream<Path> entries = Files.list(path)) {
                List<String> all = new ArrayList<>();
                for (Path p : entries.sorted().toList()) {
                    all.add(entry(p));
                }
                return all;
            }
        } catch (IOException e) {
            return List.of("absent: " + e.getMessage());
        }
    }

    private static String entry(Path p) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return p.getFileName() + " " + a.size() + " " + a.lastModifiedTime().toInstant();
        } catch (NoSuchFileException gone) {
            return p.getFileName() + " absent";
        }
    }

    /** Stops looking; a look under way finishes. */
    @Override
    public void close() {
        looking.cancel(false);
    }
}
