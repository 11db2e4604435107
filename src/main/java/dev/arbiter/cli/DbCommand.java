package dev.arbiter.cli;

import dev.arbiter.core.store.DataDirectory;
import dev.arbiter.core.store.Database;
import dev.arbiter.core.store.DatabaseUrl;
import dev.arbiter.core.store.PostgresDatabase;
import dev.arbiter.core.store.StoreLocation;
import dev.arbiter.core.store.WorkspaceCopy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code arbiter db migrate | copy}: the schema of a workspace's database, and moving a workspace into team mode. */
@Command(name = "db", mixinStandardHelpOptions = true,
        description = "Create or upgrade a database's schema; copy a SQLite workspace into PostgreSQL.",
        subcommands = {DbCommand.Migrate.class, DbCommand.Copy.class})
final class DbCommand {

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = "Create or upgrade the schema of the workspace's database (--database URL for PostgreSQL).")
    static final class Migrate implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            dev.arbiter.Logging.configure(workspace.directory());
            try (Database db = Database.open(workspace.location(null))) {
                PrintWriter out = spec.commandLine().getOut();
                if (db.isReadOnly()) {
                    spec.commandLine().getErr().println("arbiter: " + db.describe() + " is at schema "
                            + db.schemaVersion() + ", newer than this Arbiter knows; update Arbiter.");
                    return 1;
                }
                out.println("Schema of " + db.describe() + " is at version " + db.schemaVersion() + ".");
                return 0;
            }
        }
    }

    @Command(name = "copy", mixinStandardHelpOptions = true,
            description = "Copy a whole SQLite workspace (ledger included) into an empty PostgreSQL database.")
    static final class Copy implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--from", required = true, paramLabel = "DIR", description = "Data directory of the SQLite workspace.")
        Path from;
        @Option(names = "--to", required = true, paramLabel = "URL",
                description = "postgresql://host:5432/arbiter?user=NAME (password from PGPASSWORD or ~/.pgpass).")
        String to;

        @Override
        public Integer call() {
            DataDirectory source = new DataDirectory(from.toAbsolutePath());
            if (!source.hasDatabase()) {
                throw new IllegalArgumentException("--from: there is no workspace in " + source.root()
                        + " (no " + DataDirectory.DATABASE_FILE + ")");
            }
            dev.arbiter.Logging.configure(source);
            DatabaseUrl url;
            try {
                url = DatabaseUrl.parse(to);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--to: " + e.getMessage(), e);
            }
            StoreLocation target = new StoreLocation.PostgresServer(url, System.getenv("PGPASSWORD"));
            try (Database db = Database.open(source.database());
                 PostgresDatabase pg = (PostgresDatabase) Database.open(target)) {
                WorkspaceCopy.Result result = WorkspaceCopy.copy(db, pg);
                PrintWriter out = spec.commandLine().getOut();
                out.println("Copied " + result.total() + " rows in " + result.rows().size() + " tables from "
                        + source.root() + " to " + pg.describe() + " (audit_entry: "
                        + result.rows().getOrDefault("audit_entry", 0L) + ").");
                out.println("Check it: arbiter audit verify --database '" + to + "' --data-dir " + source.root());
                return 0;
            }
        }
    }
}
