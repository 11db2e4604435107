package dev.arbiter.testing;

import dev.arbiter.core.store.DatabaseUrl;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real, throw-away PostgreSQL server for the tests: a private cluster made
 * with the system's {@code initdb} in a temp directory, on a free port, shared
 * by every test of the JVM (each test takes a database of its own) and stopped
 * when the JVM exits. {@code initdb} refuses to run as root, so as root the
 * server runs as the {@code postgres} user through {@code runuser}.
 *
 * <p>Needs Debian's {@code postgresql} package (or any install with
 * {@code initdb} under {@code /usr/lib/postgresql/<v>/bin}, or on the PATH, or in
 * {@code $ARBITER_PG_BIN}); {@code .ci/run} installs it. Without it the tests
 * fail with that advice — they are never skipped.
 */
public final class PostgresTestServer {

    private static PostgresTestServer instance;

    private final Path root;
    private final Path bin;
    private final int port;
    private final boolean asPostgresUser;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresTestServer(Path root, Path bin, int port, boolean asPostgresUser) {
        this.root = root;
        this.bin = bin;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** The JVM's server, started on first use. */
    public static synchronized PostgresTestServer get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "pg-test-stop"));
        }
        return instance;
    }

    /** A new, empty database on the server, owned by the superuser the URL names. */
    public DatabaseUrl newDatabase() {
        String name = "arbiter_test_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(jdbc("postgres"))) {
            c.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return DatabaseUrl.parse("postgresql://127.0.0.1:" + port + "/" + name + "?user=postgres");
    }

    /** The server's port (for tests that need to reach it by hand). */
    public int port() {
        return port;
    }

    /** Stops the server (fast: no checkpoint), as a crash or a network loss would. */
    public void stopServer() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate", "-w", "stop"));
    }

    /** Starts the server again on the same port after {@link #stopServer()}. */
    public void startServer() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-l", root.resolve("server.log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -k " + root + " -c listen_addresses=127.0.0.1"
                        + " -c fsync=off -c max_connections=300", "start"));
    }

    private String jdbc(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    private Path data() {
        return root.resolve("data");
    }

    private static PostgresTestServer start() {
        Path bin = findBin();
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory("arbiter-pg-");
            PostgresTestServer server = new PostgresTestServer(dir, bin, freePort(), root);
            if (root) {
                server.exec(List.of("chown", "postgres", dir.toString()), false);
            }
            server.run(List.of(bin.resolve("initdb").toString(), "-D", server.data().toString(), "-U", "postgres",
                    "-A", "trust", "-E", "UTF8", "--no-sync", "--no-instructions"));
            server.startServer();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the test PostgreSQL server: " + e.getMessage(), e);
        }
    }

    private void stop() {
        try {
            stopServer();
        } catch (RuntimeException e) {
            // already stopped
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory: the OS cleans it
        }
    }

    private void run(List<String> command) {
        exec(command, asPostgresUser);
    }

    private void exec(List<String> command, boolean asPostgres) {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed:\n" + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + full.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted running " + full, e);
        }
    }

    private static Path findBin() {
        String env = System.getenv("ARBITER_PG_BIN");
        if (env != null && Files.isExecutable(Path.of(env, "initdb"))) {
            return Path.of(env);
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                var found = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparing(Path::toString));
                if (found.isPresent()) {
                    return found.get();
                }
            } catch (IOException ignored) {
                // fall through to PATH
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "initdb"))) {
                return Path.of(dir);
            }
        }
        throw new IllegalStateException("PostgreSQL's initdb was not found: install the postgresql package "
                + "(apt-get install postgresql; .ci/run does this) or set ARBITER_PG_BIN to its bin directory");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
