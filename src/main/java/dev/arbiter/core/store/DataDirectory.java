package dev.arbiter.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a workspace lives: {@code --data-dir}, else {@code ARBITER_HOME}, else
 * {@code $XDG_DATA_HOME/arbiter}, else {@code ~/.local/share/arbiter}.
 */
public record DataDirectory(Path root) {

    public static final String DATABASE_FILE = "arbiter.db";
    /** How deep {@link #secure()} looks: logs, archives, set-aside workspaces and what they hold. */
    private static final int SECURE_DEPTH = 4;
    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);

    public static DataDirectory resolve(Path override, Map<String, String> env) {
        if (override != null) {
            return new DataDirectory(override.toAbsolutePath());
        }
        String home = env.get("ARBITER_HOME");
        if (home != null && !home.isBlank()) {
            return new DataDirectory(Path.of(home).toAbsolutePath());
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return new DataDirectory(Path.of(xdg, "arbiter").toAbsolutePath());
        }
        return new DataDirectory(Path.of(System.getProperty("user.home"), ".local", "share", "arbiter"));
    }

    public Path database() {
        return root.resolve(DATABASE_FILE);
    }

    /** The ledger's head anchor, kept beside the database (see HeadAnchor). */
    public Path headAnchor() {
        return root.resolve("ledger.head");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path archive() {
        return root.resolve("archive");
    }

    /**
     * Moves the workspace's files (database, WAL, head anchor) into a new
     * sub-folder so that the directory starts empty; nothing is deleted.
     * Returns the folder they were moved to. The workspace must be closed.
     */
    public Path setAside(String label) throws java.io.IOException {
        Path target = root.resolve(label + "-" + java.time.LocalDateTime.now().format(
                java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        OwnerOnly.createDirectories(target);
        for (String name : new String[] {DATABASE_FILE, DATABASE_FILE + "-wal", DATABASE_FILE + "-shm", "ledger.head"}) {
            Path file = root.resolve(name);
            if (Files.exists(file)) {
                Files.move(file, target.resolve(name));
            }
        }
        return target;
    }

    /** True when the database file exists and is not the empty file {@link #secure()} creates for a new one. */
    public boolean hasDatabase() {
        try {
            return Files.size(database()) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Makes the workspace owner-only before it is opened: the folder 700, and
     * every file and folder in it (database, WAL and SHM, {@code ledger.head},
     * logs, archives, exports written here) 600 / 700, logging each change. A
     * new database file is created empty with 600 first, because SQLite gives
     * its WAL and SHM files the database file's permissions. Where the file
     * system has no POSIX permissions this is logged and skipped.
     *
     * @throws StoreException when the folder or the database file cannot be created
     */
    public void secure() {
        secure(true);
    }

    /**
     * As {@link #secure()}; {@code withDatabase} false for a workspace whose data is on a server,
     * where the folder holds only the log, the archive and the head anchor (no database file is made).
     */
    public void secure(boolean withDatabase) {
        try {
            OwnerOnly.createDirectories(root);
            if (!OwnerOnly.supported(root)) {
                LOG.warn("{} has no POSIX permissions ({}): the workspace's files cannot be made owner-only; "
                        + "keep it in a folder only you can open", root, Files.getFileStore(root).type());
                return;
            }
            if (withDatabase) {
                OwnerOnly.createFile(database());
            }
            List<String> changed = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            try (Stream<Path> all = Files.walk(root, SECURE_DEPTH)) {
                for (Path path : (Iterable<Path>) all::iterator) {
                    String name = path.equals(root) ? "." : root.relativize(path).toString();
                    try {
                        OwnerOnly.restrict(path).ifPresent(had -> changed.add(name + " (was " + had + ")"));
                    } catch (IOException e) {
                        refused.add(name + " (" + e.getMessage() + ")");
                    }
                }
            }
            if (!changed.isEmpty()) {
                LOG.info("Made {} owner-only: {}", root, changed);
            }
            if (!refused.isEmpty()) {
                LOG.warn("Could not make these files in {} owner-only (are they yours?): {}", root, refused);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new StoreException("Cannot make the workspace " + root + " private to you: " + e.getMessage()
                    + ". Check that you own the folder and its files.", e);
        }
    }
}
