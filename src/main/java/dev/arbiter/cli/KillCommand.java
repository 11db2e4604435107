package dev.arbiter.cli;

import picocli.CommandLine.Command;

/** {@code arbiter kill --reason R [--agent ID]}: engage the kill switch. */
@Command(name = "kill", mixinStandardHelpOptions = true,
        description = "Engage the kill switch: every agent (or one) is denied until resumed.")
final class KillCommand extends KillSwitchCommand {
    @Override
    boolean engages() {
        return true;
    }
}
