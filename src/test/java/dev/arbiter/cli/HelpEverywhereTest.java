package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Every command and command group, present and future, answers --help and documents its options. */
class HelpEverywhereTest {

    /** Every command path under {@code arbiter}, e.g. [queue], [queue, list], [bench, ledger]. */
    static Stream<List<String>> commandPaths() {
        List<List<String>> paths = new ArrayList<>();
        collect(ArbiterCommand.commandLine(), new ArrayList<>(), paths);
        return paths.stream();
    }

    private static void collect(CommandLine cli, List<String> prefix, List<List<String>> into) {
        cli.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().name().equals(name) && !name.equals("help")) {
                List<String> path = new ArrayList<>(prefix);
                path.add(name);
                into.add(path);
                collect(sub, path, into);
            }
        });
    }

    @Test
    void theTreeIsWalked() {
        assertThat(commandPaths()).contains(List.of("queue"), List.of("queue", "list"), List.of("policy", "evaluate"),
                List.of("audit", "export"), List.of("bench"), List.of("assessment"), List.of("readiness"),
                List.of("report"), List.of("agent"), List.of("token"));
    }

    /**
     * One tree for the checks that only read the command model: building the whole tree costs about
     * as much as running a help, and there are a few hundred paths.
     */
    private static final CommandLine TREE = ArbiterCommand.commandLine();

    @ParameterizedTest
    @MethodSource("commandPaths")
    void answersHelpWithItsUsage(List<String> path) {
        CommandLine cli = ArbiterCommand.commandLine();
        for (String flag : List.of("--help", "-h")) {
            List<String> args = new ArrayList<>(path);
            args.add(flag);
            CliRun run = CliRun.with(cli, args.toArray(String[]::new));
            assertThat(run.exitCode()).as(args + " " + run.err()).isZero();
            assertThat(run.out()).as(String.join(" ", args)).startsWith("Usage: arbiter " + String.join(" ", path));
            assertThat(run.err()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("commandPaths")
    void describesItselfAndEveryOptionAndParameter(List<String> path) {
        CommandLine cli = TREE;
        for (String name : path) {
            cli = cli.getSubcommands().get(name);
        }
        var spec = cli.getCommandSpec();
        assertThat(String.join(" ", spec.usageMessage().description())).as(path + " description").isNotBlank();
        List<ArgSpec> args = new ArrayList<>(spec.positionalParameters());
        for (OptionSpec option : spec.options()) {
            if (!option.usageHelp() && !option.versionHelp()) {
                args.add(option);
            }
        }
        for (ArgSpec arg : args) {
            String label = arg.isOption() ? ((OptionSpec) arg).longestName() : arg.paramLabel();
            assertThat(String.join(" ", arg.description())).as(path + " " + label).isNotBlank();
        }
    }

    /**
     * Descriptions are format strings ({@code %n} is a line break): a bare {@code %} ("15 % fewer") makes picocli
     * print a warning on standard error above the help, straight to {@code System.err}, so it is caught there.
     */
    @Test
    void everyHelpRendersWithoutAFormatWarning() {
        java.io.PrintStream was = System.err;
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            CommandLine cli = ArbiterCommand.commandLine();
            cli.getUsageMessage();
            commandPaths().forEach(path -> {
                CommandLine sub = cli;
                for (String name : path) {
                    sub = sub.getSubcommands().get(name);
                }
                sub.getUsageMessage();
            });
        } finally {
            System.setErr(was);
        }
        assertThat(warnings.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    }

    @ParameterizedTest
    @MethodSource("commandPaths")
    void aGroupWithoutItsSubcommandIsAUsageErrorListingTheSubcommands(List<String> path) {
        CommandLine cli = TREE;
        for (String name : path) {
            cli = cli.getSubcommands().get(name);
        }
        if (cli.getSubcommands().isEmpty()) {
            return;
        }
        CliRun run = CliRun.with(ArbiterCommand.commandLine(), path.toArray(String[]::new));
        assertThat(run.exitCode()).as(path.toString()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required subcommand").contains("Usage: arbiter " + path.get(0))
                .doesNotContain("Exception");
    }
}
