package dev.arbiter.core.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a workspace lives: {@code --data-dir}, else {@code ARBITER_HOME}, else
 * {@code $XDG_DATA_HOME/arbiter}, else {@code ~/.local/share/arbiter}.
 */
public record DataDirectory(Path root) {

    public static final String DATABASE_FILE = "arbiter.db";

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
        Files.createDirectories(target);
        for (String name : new String[] {DATABASE_FILE, DATABASE_FILE + "-wal", DATABASE_FILE + "-shm", "ledger.head"}) {
            Path file = root.resolve(name);
            if (Files.exists(file)) {
                Files.move(file, target.resolve(name));
            }
        }
        return target;
    }

    public boolean hasDatabase() {
        return Files.exists(database());
    }
}
