package dev.arbiter.core.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Owner-only permissions for a workspace: folders 700, files 600. The database,
 * the ledger, its archives and the log hold what agents did and why, so no
 * other local user may read them (issue 13 §3). On a file system without POSIX
 * permissions every method does nothing and {@link #supported} says so, so the
 * caller can log it and go on.
 */
public final class OwnerOnly {

    /** rwx------ */
    public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    /** rw------- */
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    /** True when {@code path}'s file system (the nearest existing ancestor's) has POSIX permissions. */
    public static boolean supported(Path path) {
        Path existing = path.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            return existing != null
                    && Files.getFileStore(existing).supportsFileAttributeView(PosixFileAttributeView.class);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Creates {@code dir} (and missing parents) when it does not exist, the folder itself 700; an existing
     * folder is left for {@link DataDirectory#secure()}, which logs what it changes.
     */
    public static void createDirectories(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            restrict(dir, FOLDER);
        }
    }

    /** Creates an empty file that only the owner can read and write, unless it already exists. */
    public static void createFile(Path file) throws IOException {
        try {
            if (supported(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException exists) {
            // created by someone else in between: tightened on the next open
        }
    }

    /**
     * Makes a file 600 or a folder 700 if it is not already; returns the
     * permissions it had when they were changed (for the log), empty when
     * nothing changed, the path is a symbolic link or has no POSIX permissions.
     */
    public static Optional<String> restrict(Path path) throws IOException {
        return restrict(path, Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? FOLDER : FILE);
    }

    private static Optional<String> restrict(Path path, Set<PosixFilePermission> wanted) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view == null || Files.isSymbolicLink(path)) {
            return Optional.empty();
        }
        Set<PosixFilePermission> had = view.readAttributes().permissions();
        if (had.equals(wanted)) {
            return Optional.empty();
        }
        view.setPermissions(wanted);
        return Optional.of(PosixFilePermissions.toString(had));
    }
}
