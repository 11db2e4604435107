package dev.arbiter.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs {@code arbiter ...} in-process against a data directory and captures what it prints. */
public final class CliRunner {

    /** Exit code and the two streams. */
    public record Result(int exitCode, String out, String err) {
    }

    private final Path dataDir;

    public CliRunner(Path dataDir) {
        this.dataDir = dataDir;
    }

    public Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (all.size() > 0 && !all.contains("--help")) {
            all.add("--data-dir=" + dataDir);
        }
        return runRaw(all.toArray(String[]::new));
    }

    public static Result runRaw(String... args) {
        CommandLine cli = ArbiterCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
