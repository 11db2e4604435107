package dev.arbiter.cli;

import dev.arbiter.bench.GatewayBenchmark;
import dev.arbiter.bench.KillSwitchBenchmark;
import dev.arbiter.bench.LedgerBenchmark;
import dev.arbiter.bench.McpBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code arbiter bench ...}: benchmarks on a throw-away workspace. */
@Command(name = "bench", description = "Measure Arbiter's speed on this machine (uses a temporary workspace).",
        subcommands = {BenchCommand.Ledger.class, BenchCommand.Gateway.class, BenchCommand.Mcp.class,
                BenchCommand.KillSwitch.class, BenchCommand.Team.class, BenchCommand.Replay.class,
                BenchCommand.Shadow.class})
final class BenchCommand {

    @Command(name = "ledger", mixinStandardHelpOptions = true,
            description = "Durable appends/s one at a time and group-committed, verify entries/s, and the evidence "
                    + "figures at 1 M entries: checkpoint, receipt, bundle write and offline verify.")
    static final class Ledger implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--sequential", defaultValue = "5000", description = "Appends one at a time (default ${DEFAULT-VALUE}).")
        int sequential;
        @Option(names = "--batched", defaultValue = "200000", description = "Appends from concurrent callers (default ${DEFAULT-VALUE}).")
        int batched;
        @Option(names = "--threads", defaultValue = "32", description = "Concurrent callers (default ${DEFAULT-VALUE}).")
        int threads;
        @Option(names = "--evidence-entries", defaultValue = "1000000", description = "Grow the ledger to this many "
                + "entries, then time a cold checkpoint, receipts, a bundle of every entry and its offline verification "
                + "in Java and Python (default ${DEFAULT-VALUE}; 0 skips).")
        long evidenceEntries;
        @Option(names = "--verify-only", description = "Only the offline verify of a bundle of --evidence-entries "
                + "entries: fill, write the bundle (or reuse the one a previous run left in --dir) and verify it "
                + "--verify-rounds times; no append, checkpoint, receipt or Python figures.")
        boolean verifyOnly;
        @Option(names = "--verify-rounds", defaultValue = "5", description = "Offline verifies of the bundle in one "
                + "process, the first with a cold JIT (default ${DEFAULT-VALUE}).")
        int verifyRounds;
        @Mixin ScratchWorkspace scratch;

        @Override
        public Integer call() throws Exception {
            if (verifyRounds < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--verify-rounds must be at least 1, not " + verifyRounds + ".");
            }
            if (verifyOnly) {
                return scratch.run(where -> new dev.arbiter.bench.EvidenceBenchmark(where, spec.commandLine()
                        .getOut()).verifyOnly(Math.max(1, evidenceEntries), verifyRounds));
            }
            return scratch.run(where -> new LedgerBenchmark(where, spec.commandLine().getOut())
                    .run(sequential, batched, threads, evidenceEntries, verifyRounds));
        }
    }

    @Command(name = "gateway", mixinStandardHelpOptions = true,
            description = "Decisions/s and latency of the gateway over loopback with a durable ledger, "
                    + "and of decide() in-process; then OpenTelemetry, every alert rule and a policy in shadow, each on "
                    + "against off in the same run.")
    static final class Gateway implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--in-process", defaultValue = "200000",
                description = "decide() calls measured in-process (default ${DEFAULT-VALUE}).")
        int inProcess;
        @Option(names = "--clients", defaultValue = "32", description = "Concurrent HTTP clients (default ${DEFAULT-VALUE}).")
        int clients;
        @Option(names = "--seconds", defaultValue = "10",
                description = "Length of the throughput run and of the fixed-rate run (default ${DEFAULT-VALUE}).")
        int seconds;
        @Option(names = "--rate", defaultValue = "1000", description = "Requests/s of the fixed-rate run (default ${DEFAULT-VALUE}).")
        int rate;
        @Option(names = "--slow-connections", defaultValue = "300",
                description = "Slowloris connections held open while a legitimate agent is measured; 0 skips "
                        + "(default ${DEFAULT-VALUE}).")
        int slowConnections;
        @Option(names = "--hostile", defaultValue = "3000",
                description = "Refused requests (no or wrong token, foreign Host, Origin), each on a new "
                        + "connection; 0 skips (default ${DEFAULT-VALUE}).")
        int hostile;
        @Mixin ScratchWorkspace scratch;

        @Override
        public Integer call() throws Exception {
            return scratch.run(where -> new GatewayBenchmark(where, spec.commandLine().getOut())
                    .run(new GatewayBenchmark.Plan(inProcess, clients, seconds, rate, seconds,
                            slowConnections, hostile)));
        }
    }

    @Command(name = "mcp", mixinStandardHelpOptions = true,
            description = {"Latency a tools/call gains through arbiter mcp proxy (p50/p99), against calling the same "
                    + "server directly, in one run. Target: <= 2 ms added at p50.",
                    "Default server: npx -y @modelcontextprotocol/server-everything@2026.8.31 stdio (tool echo); "
                    + "name another after --."})
    static final class Mcp implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--calls", defaultValue = "500", description = "Measured calls each way (default ${DEFAULT-VALUE}).")
        int calls;
        @Option(names = "--warm-up", defaultValue = "2000", description = "Unmeasured calls each way first, until the "
                + "JIT has compiled the path (default ${DEFAULT-VALUE}; the first 50 are reported apart as cold).")
        int warmUp;
        @Option(names = "--tool", defaultValue = "echo", description = "Tool to call (default ${DEFAULT-VALUE}).")
        String tool;
        @Option(names = "--arguments", defaultValue = "{\"message\": \"bench\"}", paramLabel = "JSON",
                description = "The tool's arguments as a JSON object (default ${DEFAULT-VALUE}).")
        String arguments;
        @Mixin ScratchWorkspace scratch;
        @picocli.CommandLine.Parameters(arity = "0..*", paramLabel = "SERVER", description = "The MCP server's command.")
        java.util.List<String> server;

        @Override
        public Integer call() throws Exception {
            if (calls < 1 || warmUp < 0) {
                throw new IllegalArgumentException("--calls must be at least 1 and --warm-up at least 0");
            }
            java.util.Map<String, Object> args;
            try {
                args = new com.fasterxml.jackson.databind.ObjectMapper().readValue(arguments,
                        new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, Object>>() { });
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("--arguments must be a JSON object: " + e.getOriginalMessage());
            }
            java.util.List<String> command = server == null || server.isEmpty()
                    ? java.util.List.of("npx", "-y", "@modelcontextprotocol/server-everything@2026.8.31", "stdio")
                    : server;
            return scratch.run(where -> {
                dev.arbiter.Logging.configure(new dev.arbiter.core.store.DataDirectory(where));
                new McpBenchmark(where, spec.commandLine().getOut()).run(command, tool, args, warmUp, calls);
            });
        }
    }

    @Command(name = "killswitch", mixinStandardHelpOptions = true,
            description = "Time from engaging the kill switch to the last long poll answered, with N pending "
                    + "approvals each polled over HTTP.")
    static final class KillSwitch implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--pending", defaultValue = "1000",
                description = "Gated actions waiting, each with a long poll (default ${DEFAULT-VALUE}).")
        int pending;
        @Option(names = "--rounds", defaultValue = "3", description = "Fill the queue and engage this often "
                + "(default ${DEFAULT-VALUE}).")
        int rounds;
        @Mixin ScratchWorkspace scratch;

        @Override
        public Integer call() throws Exception {
            return scratch.run(where -> new KillSwitchBenchmark(where, spec.commandLine().getOut()).run(pending, rounds));
        }
    }

    @Command(name = "team", mixinStandardHelpOptions = true,
            description = {"Team mode with real processes: decisions/s and p50/p99 of N `arbiter serve` gateways on "
                    + "one PostgreSQL against one gateway on SQLite; kill switch and approval propagation between "
                    + "processes (p50/p95, target 100 ms p95); kill -9 of a gateway under load loses no "
                    + "acknowledged decision and the chain verifies.",
                    "Without --database it starts a private PostgreSQL cluster (initdb from the postgresql package) "
                    + "in the work directory and removes it afterwards. Use a throw-away database: the benchmark "
                    + "writes its agent, policy and many ledger entries there."})
    static final class Team implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--gateways", defaultValue = "3", description = "Gateways on PostgreSQL, at least 2 "
                + "(default ${DEFAULT-VALUE}).")
        int gateways;
        @Option(names = "--clients", defaultValue = "24", description = "Concurrent HTTP clients (default ${DEFAULT-VALUE}).")
        int clients;
        @Option(names = "--seconds", defaultValue = "10", description = "Length of each throughput run "
                + "(default ${DEFAULT-VALUE}).")
        int seconds;
        @Option(names = "--rounds", defaultValue = "20", description = "Kill switch and approval rounds "
                + "(default ${DEFAULT-VALUE}).")
        int rounds;
        @Option(names = "--database", paramLabel = "URL", description = "An empty PostgreSQL database to use "
                + "(password from PGPASSWORD or ~/.pgpass) instead of a private cluster.")
        String database;
        @Mixin ScratchWorkspace scratch;

        @Override
        public Integer call() throws Exception {
            dev.arbiter.bench.TeamBenchmark.Plan plan = new dev.arbiter.bench.TeamBenchmark.Plan(gateways, clients,
                    seconds, rounds);
            dev.arbiter.core.store.DatabaseUrl url = database == null ? null
                    : dev.arbiter.core.store.DatabaseUrl.parse(database);
            return scratch.run(where -> new dev.arbiter.bench.TeamBenchmark(where, spec.commandLine().getOut())
                    .run(plan, url));
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Recorded decisions/s that policy replay re-decides (issue 19 target: 100,000).")
    static final class Replay implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--decisions", defaultValue = "30000",
                description = "Decisions recorded first through the engine (default ${DEFAULT-VALUE}).")
        int decisions;
        @Option(names = "--warm-up", defaultValue = "3",
                description = "Rounds at least run first and not counted; more while the JIT still compiles "
                        + "(default ${DEFAULT-VALUE}).")
        int warmUp;
        @Option(names = "--rounds", defaultValue = "9",
                description = "Measured rounds; the figure is their median (default ${DEFAULT-VALUE}).")
        int rounds;
        @Mixin ScratchWorkspace scratch;

        @Override
        public Integer call() throws Exception {
            if (decisions < 3 || warmUp < 0 || rounds < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--decisions must be at least 3, --warm-up at least 0 and --rounds at least 1");
            }
            return scratch.run(where -> new dev.arbiter.bench.ReplayBenchmark(where, spec.commandLine().getOut())
                    .run(decisions, warmUp, rounds));
        }
    }

    @Command(name = "shadow", mixinStandardHelpOptions = true,
            description = "Gateway decisions/s over HTTP with a policy version in shadow against without, in "
                    + "alternating runs (issue 19 target: at most 15 %% fewer).")
    static final class Shadow implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--clients", defaultValue = "32", description = "Concurrent HTTP clients (default ${DEFAULT-VALUE}).")
        int clients;
        @Option(names = "--seconds", defaultValue = "5", description = "Length of each run (default ${DEFAULT-VALUE}).")
        int seconds;
        @Option(names = "--rounds", defaultValue = "12",
                description = "Runs, alternating off, on, on, off, ...; half each (default ${DEFAULT-VALUE}).")
        int rounds;
        @Mixin ScratchWorkspace scratch;

        @Override
        public Integer call() throws Exception {
            if (clients < 1 || seconds < 1 || rounds < 2) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--clients and --seconds must be at least 1, --rounds at least 2");
            }
            return scratch.run(where -> dev.arbiter.bench.ShadowBenchmark.run(where, spec.commandLine().getOut(),
                    clients, seconds, rounds));
        }
    }

    /** The {@code --dir} every benchmark takes, and the throw-away workspace it stands for when absent. */
    static final class ScratchWorkspace {
        @Option(names = "--dir", paramLabel = "DIR",
                description = "Where to put the workspace (default: a temp dir, removed afterwards).")
        Path dir;

        /** What a benchmark does in its workspace folder. */
        interface Work {
            void run(Path where) throws Exception;
        }

        /** Runs {@code work} in {@code --dir}, or in a temp dir removed afterwards; 0, the exit code. */
        int run(Work work) throws Exception {
            Path where = dir != null ? dir : Files.createTempDirectory("arbiter-bench");
            try {
                work.run(where);
            } finally {
                if (dir == null) {
                    deleteTree(where);
                }
            }
            return 0;
        }
    }

    /** Removes a throw-away workspace (it holds hundreds of thousands of ledger entries). */
    static void deleteTree(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
