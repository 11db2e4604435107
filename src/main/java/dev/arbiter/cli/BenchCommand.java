package dev.arbiter.cli;

import dev.arbiter.bench.GatewayBenchmark;
import dev.arbiter.bench.LedgerBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code arbiter bench ...}: benchmarks on a throw-away workspace. */
@Command(name = "bench", description = "Measure Arbiter's speed on this machine (uses a temporary workspace).",
        subcommands = {BenchCommand.Ledger.class, BenchCommand.Gateway.class})
final class BenchCommand {

    @Command(name = "ledger", mixinStandardHelpOptions = true,
            description = "Durable appends/s one at a time and group-committed, and verify entries/s.")
    static final class Ledger implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--sequential", defaultValue = "5000", description = "Appends one at a time (default ${DEFAULT-VALUE}).")
        int sequential;
        @Option(names = "--batched", defaultValue = "200000", description = "Appends from concurrent callers (default ${DEFAULT-VALUE}).")
        int batched;
        @Option(names = "--threads", defaultValue = "32", description = "Concurrent callers (default ${DEFAULT-VALUE}).")
        int threads;
        @Option(names = "--dir", paramLabel = "DIR", description = "Where to put the throw-away workspace (default: a temp dir).")
        Path dir;

        @Override
        public Integer call() throws Exception {
            Path where = dir != null ? dir : Files.createTempDirectory("arbiter-bench");
            new LedgerBenchmark(where, spec.commandLine().getOut()).run(sequential, batched, threads);
            return 0;
        }
    }

    @Command(name = "gateway", mixinStandardHelpOptions = true,
            description = "Decisions/s and latency of the gateway over loopback with a durable ledger, "
                    + "and of decide() in-process.")
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
        @Option(names = "--dir", paramLabel = "DIR", description = "Where to put the throw-away workspace (default: a temp dir).")
        Path dir;

        @Override
        public Integer call() throws Exception {
            Path where = dir != null ? dir : Files.createTempDirectory("arbiter-bench");
            try {
                new GatewayBenchmark(where, spec.commandLine().getOut())
                        .run(new GatewayBenchmark.Plan(inProcess, clients, seconds, rate, seconds,
                                slowConnections, hostile));
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
