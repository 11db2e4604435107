package dev.arbiter.cli;

import picocli.CommandLine.Command;

/** {@code arbiter resume --reason R [--agent ID]}: release the kill switch. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Release the kill switch for all agents (or one).")
final class ResumeCommand extends KillSwitchCommand {
    @Override
    boolean engages() {
        return false;
    }
}
