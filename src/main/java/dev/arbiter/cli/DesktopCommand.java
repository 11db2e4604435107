package dev.arbiter.cli;

import dev.arbiter.desktop.DesktopLauncher;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code arbiter desktop [--data-dir DIR]}: the desktop app on a chosen workspace. */
@Command(name = "desktop", mixinStandardHelpOptions = true,
        description = "Open the desktop app (what `arbiter` with no arguments does), optionally on another workspace.")
final class DesktopCommand implements Callable<Integer> {

    @Mixin WorkspaceOptions workspace;

    @Override
    public Integer call() {
        workspace.location(null); // a malformed URL is a usage error here, before any window opens
        String database = workspace.databaseOption();
        DesktopLauncher.launch(database == null
                ? new String[] {"--data-dir=" + workspace.directory().root()}
                : new String[] {"--data-dir=" + workspace.directory().root(), "--database=" + database});
        return 0;
    }
}
