package dev.arbiter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The newest migration version in the source tree, read from the folder rather than asked of the product,
 * so a test expecting "the newest version" needs no edit when a migration is added.
 */
public final class ShippedMigrations {

    private ShippedMigrations() {
    }

    /** The highest {@code V<n>} in {@code src/main/resources/db/migration/<vendor>} ({@code sqlite}, {@code postgresql}). */
    public static int newest(String vendor) {
        try (var files = Files.list(Path.of("src/main/resources/db/migration", vendor))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
