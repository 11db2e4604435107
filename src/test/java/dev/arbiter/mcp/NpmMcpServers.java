package dev.arbiter.mcp;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real MCP servers from npm the end-to-end tests put behind the proxy,
 * pinned in {@code src/test/mcp-servers/package.json} and installed once
 * into {@code target/mcp-servers} ({@code .ci/run} installs them there before
 * the tests, the normal path; a test installs them only when they are missing
 * or pinned differently). A machine without npm fails the tests with a
 * message saying so, rather than skipping them.
 *
 * <p>Safe for parallel surefire forks, which share the folder: the check, the
 * install and the copy of a script happen under an exclusive file lock
 * ({@code .install.lock}), so one fork never runs a server another fork is
 * half-way through installing, and a script is replaced by an atomic rename,
 * so a node process another fork starts reads the old file or the new one,
 * never a truncated one.
 */
final class NpmMcpServers {

    static final Path DIR = Path.of(System.getProperty("arbiter.mcp.servers", "target/mcp-servers"));
    static final String FILESYSTEM = "mcp-server-filesystem";
    static final String EVERYTHING = "mcp-server-everything";
    private static final Path PINNED = Path.of("src/test/mcp-servers/package.json");

    private NpmMcpServers() {
    }

    /** The command that starts server {@code bin} with {@code args}, installing the servers on first use. */
    static synchronized List<String> command(String bin, String... args) throws IOException, InterruptedException {
        Path executable = DIR.resolve("node_modules/.bin").resolve(bin);
        FileChannel lock = locked();
        try {
            installIfNeeded(executable);
        } finally {
            lock.close();
        }
        List<String> command = new java.util.ArrayList<>(List.of(executable.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * The command that runs our script {@code src/test/mcp-servers/NAME} with
     * node and {@code args}; the script is copied next to the installed
     * packages, so that its imports of them resolve.
     */
    static synchronized List<String> script(String name, String... args) throws IOException, InterruptedException {
        Path copy = DIR.resolve(name);
        FileChannel lock = locked();
        try {
            installIfNeeded(DIR.resolve("node_modules/.bin").resolve(EVERYTHING));
            Path source = Path.of("src/test/mcp-servers").resolve(name);
            if (!Files.exists(copy) || Files.mismatch(source, copy) >= 0) {
                Path fresh = Files.createTempFile(DIR, name, ".tmp");
                Files.copy(source, fresh, StandardCopyOption.REPLACE_EXISTING);
                Files.move(fresh, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            lock.close();
        }
        List<String> command = new java.util.ArrayList<>(List.of("node", copy.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * A channel on the folder's install lock file, holding the lock until the
     * channel is closed. Other forks wait for it; threads of this JVM are kept
     * out by the {@code synchronized} callers (a second lock in one JVM throws).
     */
    private static FileChannel locked() throws IOException {
        Files.createDirectories(DIR);
        FileChannel channel = FileChannel.open(DIR.resolve(".install.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            channel.lock();
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static void installIfNeeded(Path executable) throws IOException, InterruptedException {
        if (!Files.isExecutable(executable) || !installedAsPinned()) {
            install();
        }
    }

    /** True when the installed package list is the pinned one (a pin changed since: install again). */
    private static boolean installedAsPinned() throws IOException {
        Path installed = DIR.resolve("package.json");
        return Files.exists(installed) && Files.mismatch(installed, PINNED) < 0;
    }

    private static void install() throws IOException, InterruptedException {
        Files.copy(PINNED, DIR.resolve("package.json"), StandardCopyOption.REPLACE_EXISTING);
        Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(DIR.toFile()).redirectErrorStream(true)
                .redirectOutput(DIR.resolve("npm-install.log").toFile()).start();
        if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            npm.destroyForcibly();
            Files.deleteIfExists(DIR.resolve("package.json")); // not installed as pinned: the next run tries again
            throw new IllegalStateException("npm install of the test MCP servers failed; see "
                    + DIR.resolve("npm-install.log").toAbsolutePath() + " (Node 20 and npm are needed: bash .ci/run "
                    + "installs them)");
        }
    }
}
