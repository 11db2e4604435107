package dev.arbiter.bench;

import dev.arbiter.core.store.DatabaseUrl;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL cluster: {@code initdb} into a temp directory of its
 * own (so that the {@code postgres} user can reach it when we run as root;
 * trust authentication, loopback only, a free port), started with
 * {@code pg_ctl} and removed by {@link #close()}. As root it runs as the
 * {@code postgres} user through {@code runuser}, since {@code initdb} refuses
 * root. Finds the server in {@code $ARBITER_PG_BIN},
 * {@code /usr/lib/postgresql/<v>/bin} or the PATH.
 *
 * <p>Used by {@code arbiter bench team} when no {@code --database} is given
 * (durable: fsync on, since the figures are about committed decisions) and by
 * the tests' shared server (fsync off, speed), which also stop and start it to
 * play a lost server.
 */
public final class PrivatePostgres implements AutoCloseable {

    private final Path dir;
    private final Path bin;
    private final int port;
    private final boolean asPostgresUser;
    private final boolean durable;

    private PrivatePostgres(Path dir, Path bin, int port, boolean asPostgresUser, boolean durable) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
        this.durable = durable;
    }

    /**
     * Makes and starts a cluster.
     *
     * @param durable true for fsync on (figures about committed data), false for a faster throw-away (tests)
     * @throws IllegalStateException with what to install when PostgreSQL's binaries are missing or a step fails
     */
    public static PrivatePostgres start(boolean durable) throws IOException {
        Path bin = findBin();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("arbiter-pg-");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PrivatePostgres pg = new PrivatePostgres(dir, bin, port, root, durable);
        if (root) {
            pg.exec(List.of("chown", "postgres", dir.toString()), false);
        }
        List<String> initdb = new ArrayList<>(List.of(bin.resolve("initdb").toString(), "-D", pg.data().toString(),
                "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-instructions"));
        if (!durable) {
            initdb.add("--no-sync");
        }
        pg.exec(initdb, root);
        pg.startServer();
        return pg;
    }

    /** {@code database} on the cluster as the superuser (trust authentication, no password). */
    public DatabaseUrl url(String database) {
        return DatabaseUrl.parse("postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres");
    }

    /** The cluster's {@code postgres} database as the superuser. */
    DatabaseUrl url() {
        return url("postgres");
    }

    /** The server's TCP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** Stops the server at once (no checkpoint), as a crash or a network loss would. */
    public void stopServer() {
        exec(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate", "-w", "stop"),
                asPostgresUser);
    }

    /** Starts the server (again) on the same port. */
    public void startServer() {
        exec(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-l",
                dir.resolve("server.log").toString(), "-w", "-t", "60", "-o", "-p " + port + " -k " + dir
                        + " -c listen_addresses=127.0.0.1 -c max_connections=300" + (durable ? "" : " -c fsync=off"),
                "start"), asPostgresUser);
    }

    private Path data() {
        return dir.resolve("data");
    }

    /** Stops the server and removes its files. */
    @Override
    public void close() {
        try {
            exec(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "fast", "-w", "stop"),
                    asPostgresUser);
        } catch (IllegalStateException e) {
            // already stopped
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory: the OS cleans it
        }
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
            throw new IllegalStateException("Interrupted running " + full.get(0), e);
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
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "initdb"))) {
                return Path.of(d);
            }
        }
        throw new IllegalStateException("PostgreSQL's initdb was not found: install the postgresql package "
                + "(apt-get install postgresql; .ci/run does this), set ARBITER_PG_BIN to its bin directory, "
                + "or give --database URL");
    }
}
