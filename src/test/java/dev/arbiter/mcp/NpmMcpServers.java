package dev.arbiter.mcp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real MCP servers from npm the end-to-end tests put behind the proxy,
 * pinned in {@code src/test/mcp-servers/package.json} and installed once
 * into {@code target/mcp-servers} (CI pre-installs them in {@code .ci/run}).
 * A machine without npm fails the tests with a message saying so, rather
 * than skipping them.
 */
final class NpmMcpServers {

    static final Path DIR = Path.of(System.getProperty("arbiter.mcp.servers", "target/mcp-servers"));
    static final String FILESYSTEM = "mcp-server-filesystem";
    static final String EVERYTHING = "mcp-server-everything";

    private NpmMcpServers() {
    }

    /** The command that starts server {@code bin} with {@code args}, installing the servers on first use. */
    static synchronized List<String> command(String bin, String... args) throws IOException, InterruptedException {
        Path executable = DIR.resolve("node_modules/.bin").resolve(bin);
        if (!Files.isExecutable(executable) || !installedAsPinned()) {
            install();
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
        command(EVERYTHING); // installs when needed
        Path copy = DIR.resolve(name);
        Files.copy(Path.of("src/test/mcp-servers").resolve(name), copy, StandardCopyOption.REPLACE_EXISTING);
        List<String> command = new java.util.ArrayList<>(List.of("node", copy.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** True when the installed package list is the pinned one (a pin changed since: install again). */
    private static boolean installedAsPinned() throws IOException {
        Path installed = DIR.resolve("package.json");
        return Files.exists(installed) && Files.mismatch(installed, Path.of("src/test/mcp-servers/package.json")) < 0;
    }

    private static void install() throws IOException, InterruptedException {
        Files.createDirectories(DIR);
        Files.copy(Path.of("src/test/mcp-servers/package.json"), DIR.resolve("package.json"),
                StandardCopyOption.REPLACE_EXISTING);
        Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(DIR.toFile()).redirectErrorStream(true)
                .redirectOutput(DIR.resolve("npm-install.log").toFile()).start();
        if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            Files.deleteIfExists(DIR.resolve("package.json")); // not installed as pinned: the next run tries again
            throw new IllegalStateException("npm install of the test MCP servers failed; see "
                    + DIR.resolve("npm-install.log").toAbsolutePath() + " (Node 20 and npm are needed: bash .ci/run "
                    + "installs them)");
        }
    }
}
