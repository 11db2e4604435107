package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.store.DataDirectory;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir}, shared by every command that opens a workspace (a picocli mixin). */
public final class WorkspaceOptions {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Workspace directory (default: $ARBITER_HOME, else $XDG_DATA_HOME/arbiter, "
                    + "else ~/.local/share/arbiter).")
    Path dataDir;

    public DataDirectory directory() {
        return DataDirectory.resolve(dataDir, System.getenv());
    }

    public Workspace open() {
        DataDirectory directory = directory();
        dev.arbiter.Logging.configure(directory);
        return Workspace.open(directory);
    }
}
