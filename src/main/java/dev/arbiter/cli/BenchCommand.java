package dev.arbiter.cli;

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
        subcommands = {BenchCommand.Ledger.class})
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
}
