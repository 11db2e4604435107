package dev.arbiter.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Turns an exception in a command into one plain line on stderr and exit code
 * 1; the stack trace goes to the log file, not the terminal.
 */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        // the command's name only: an argument may be a credential (a webhook URL, a token)
        LOG.error("Command {} failed", cli.getCommandSpec().qualifiedName(), e);
        if (e instanceof IllegalArgumentException && cli.getCommand() != null) {
            cli.getErr().println("arbiter: " + e.getMessage());
            return 2;
        }
        cli.getErr().println("arbiter: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        return 1;
    }
}
