package dev.arbiter.core.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses where a workspace's data is: {@code --database URL}, else
 * {@code ARBITER_DATABASE_URL}, else the URL saved in the data directory's
 * {@value #URL_FILE} file (the desktop's Settings field; it lives beside the
 * database, not in it, because it says where the database is), else the
 * SQLite file in the data directory. The password is {@code PGPASSWORD} when
 * set; otherwise pgjdbc looks in {@code ~/.pgpass} (or {@code PGPASSFILE}).
 */
public final class StoreLocations {

    /** The environment variable naming a team database. */
    public static final String ENV = "ARBITER_DATABASE_URL";
    /** The file in the data directory holding the Settings field's URL (one line). */
    public static final String URL_FILE = "database-url";

    private StoreLocations() {
    }

    /**
     * Resolves the location.
     *
     * @param option the {@code --database} value, or null
     * @param password a password typed at a prompt, or null to use {@code PGPASSWORD} / {@code ~/.pgpass}
     * @throws IllegalArgumentException when a URL is given but malformed, naming where it came from
     */
    public static StoreLocation resolve(String option, DataDirectory directory, Map<String, String> env,
            String password) {
        Optional<Given> url = given(option).map(u -> new Given(u, "--database"))
                .or(() -> given(env.get(ENV)).map(u -> new Given(u, ENV)))
                .or(() -> saved(directory).map(u -> new Given(u, directory.root().resolve(URL_FILE).toString())));
        if (url.isEmpty()) {
            return new StoreLocation.SqliteFile(directory.database());
        }
        DatabaseUrl parsed;
        try {
            parsed = DatabaseUrl.parse(url.get().url());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(url.get().origin() + ": " + e.getMessage(), e);
        }
        String secret = password != null ? password : given(env.get("PGPASSWORD")).orElse(null);
        return new StoreLocation.PostgresServer(parsed, secret);
    }

    /** The URL saved by the Settings field, if any. */
    public static Optional<String> saved(DataDirectory directory) {
        Path file = directory.root().resolve(URL_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return given(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StoreException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Saves (or, when blank, removes) the Settings field's URL; it takes
     * effect the next time the workspace opens.
     *
     * @throws IllegalArgumentException when {@code url} is not a valid database URL
     */
    public static void save(DataDirectory directory, String url) throws IOException {
        Path file = directory.root().resolve(URL_FILE);
        if (url == null || url.isBlank()) {
            Files.deleteIfExists(file);
            return;
        }
        DatabaseUrl.parse(url);
        Files.createDirectories(directory.root());
        Files.writeString(file, url.strip() + "\n", StandardCharsets.UTF_8);
    }

    /** A URL and where it came from, so an error can say which to fix. */
    private record Given(String url, String origin) {
    }

    private static Optional<String> given(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
