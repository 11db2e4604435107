package dev.arbiter.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code arbiter serve} in a process of its own (this JVM's java and
 * class path), listening on a free loopback port, its output in
 * {@code home.log} beside {@code home} (a PostgreSQL gateway's home must look
 * new on first start, holding nothing but its logs, to anchor the team's ledger). For the team benchmark, which must be able to
 * {@link #kill9()} a gateway as a crash would.
 */
final class GatewayProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on https?://[^:]+:(\\d+)");

    private final Process process;
    private final int port;

    private GatewayProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts {@code arbiter serve --port 0} on {@code home} (its data directory)
     * and {@code databaseUrl} (null: the SQLite file in {@code home}); returns
     * once it listens.
     *
     * @throws IllegalStateException when it does not listen within 90 s, with its log's path
     */
    static GatewayProcess start(Path home, String databaseUrl) throws IOException, InterruptedException {
        Files.createDirectories(home.getParent());
        Path log = home.resolveSibling(home.getFileName() + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "dev.arbiter.Main", "serve",
                "--data-dir", home.toString(), "--port", "0"));
        if (databaseUrl != null) {
            command.addAll(List.of("--database", databaseUrl));
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("ARBITER_DATABASE_URL");
        Process process = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (m.find()) {
                return new GatewayProcess(process, Integer.parseInt(m.group(1)));
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException("arbiter serve did not start; see " + log);
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no flush, as a crash or a pulled plug. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Stops it as Ctrl+C would (its shutdown hook closes the workspace); kills it after 30 s. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill9();
        }
    }
}
