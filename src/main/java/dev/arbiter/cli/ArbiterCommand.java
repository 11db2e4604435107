package dev.arbiter.cli;

import dev.arbiter.core.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The root of {@code arbiter}'s command line. Exit codes: 0 ok, 1 the command
 * ran and failed (a broken chain, an invalid policy), 2 bad usage.
 * {@code --help} and {@code --version} are inherited by every command and
 * command group (picocli's INHERIT scope), so no command can be added without them.
 */
@Command(name = "arbiter", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        versionProvider = ArbiterCommand.VersionProvider.class,
        description = "Governance console and decision gateway for agentic AI.%n"
                + "Without arguments, opens the desktop app.",
        subcommands = {
                DesktopCommand.class,
                AuditCommand.class,
                WitnessCommand.class,
                PolicyCommand.class,
                AgentCommand.class,
                ComplianceCommand.class,
                KillCommand.class,
                ResumeCommand.class,
                ServeCommand.class,
                DbCommand.class,
                TokenCommand.class,
                QueueCommand.class,
                SimulateCommand.class,
                IncidentCommand.class,
                VendorCommand.class,
                PlaybookCommand.class,
                ExerciseCommand.class,
                BenchCommand.class,
                DemoCommand.class,
                ReadinessCommand.class,
                ReportCommand.class,
                AssessmentCommand.class,
                McpCommand.class,
                AlertCommand.class,
                WebhookCommand.class,
                MetricsCommand.class,
                CommandLine.HelpCommand.class
        })
public final class ArbiterCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a command (see arbiter --help).");
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ArbiterCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(new FailureHandler());
        return cli;
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"arbiter " + Version.current()};
        }
    }
}
