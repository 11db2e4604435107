package dev.arbiter.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs {@code arbiter ...} in-process against a data directory and captures what it prints. */
record CliRun(int exitCode, String out, String err) {

    static CliRun in(Path dataDir, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (dataDir != null) {
            all.add("--data-dir");
            all.add(dataDir.toString());
        }
        return of(all.toArray(String[]::new));
    }

    static CliRun of(String... args) {
        return with(ArbiterCommand.commandLine(), args);
    }

    /** Runs on a given tree (picocli resets options before each parse, so a tree can run twice). */
    static CliRun with(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
