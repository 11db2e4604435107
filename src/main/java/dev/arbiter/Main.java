package dev.arbiter;

import dev.arbiter.cli.ArbiterCommand;
import dev.arbiter.desktop.DesktopLauncher;

/**
 * Entry point. No arguments opens the desktop; anything else is the command
 * line. (A class extending {@code Application} cannot be the main class on the
 * class path, hence this plain one.)
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            DesktopLauncher.launch(args);
        } else {
            System.exit(ArbiterCommand.run(args));
        }
    }
}
