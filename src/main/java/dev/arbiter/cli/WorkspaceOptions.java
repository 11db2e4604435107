package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.store.DataDirectory;
import dev.arbiter.core.store.PasswordRequiredException;
import dev.arbiter.core.store.StoreLocation;
import dev.arbiter.core.store.StoreLocations;
import java.io.Console;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Option;

/**
 * {@code --data-dir} and {@code --database}, shared by every command that
 * opens a workspace (a picocli mixin).
 */
public final class WorkspaceOptions {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Workspace directory (default: $ARBITER_HOME, else $XDG_DATA_HOME/arbiter, "
                    + "else ~/.local/share/arbiter). With --database it holds only the log and the ledger head anchor.")
    Path dataDir;

    @Option(names = "--database", paramLabel = "URL",
            description = "Team database, postgresql://host:5432/arbiter?user=NAME (default: $ARBITER_DATABASE_URL, "
                    + "else the URL saved in Settings, else the SQLite file in the data directory). "
                    + "Never put the password here: set PGPASSWORD, use ~/.pgpass, or type it when asked.")
    String database;

    public DataDirectory directory() {
        return DataDirectory.resolve(dataDir, System.getenv());
    }

    /** Where the data is (see {@link StoreLocations}); a malformed URL is a usage error naming its source. */
    public StoreLocation location(String typedPassword) {
        return StoreLocations.resolve(database, directory(), System.getenv(), typedPassword);
    }

    /** The {@code --database} value as given, for commands that pass it on (the desktop). */
    public String databaseOption() {
        return database;
    }

    /**
     * Opens the workspace for a long-running command (serve, a proxy, a follower): with its background
     * threads started ({@link Workspace#start()}).
     */
    public Workspace openStarted() {
        return open().start();
    }

    /**
     * Opens the workspace for a one-shot command: no background thread is started (an audit entry is
     * written by the command's own thread). When the server wants a password that neither
     * {@code PGPASSWORD} nor {@code ~/.pgpass} gave and a terminal is
     * attached, asks for it once (not echoed).
     */
    public Workspace open() {
        DataDirectory directory = directory();
        dev.arbiter.Logging.configure(directory);
        StoreLocation location = location(null);
        try {
            return Workspace.openIdle(directory, location, Clock.systemUTC());
        } catch (PasswordRequiredException e) {
            Console console = System.console();
            if (!(location instanceof StoreLocation.PostgresServer server) || console == null) {
                throw e;
            }
            char[] typed = console.readPassword("Password for %s: ", server.url());
            if (typed == null) {
                throw e;
            }
            return Workspace.openIdle(directory, location(new String(typed)), Clock.systemUTC());
        }
    }
}
